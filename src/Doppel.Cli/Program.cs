using System.CommandLine;

var root = new RootCommand("Doppel: learn a table and write synthetic rows that keep its statistics.");
return await root.Parse(args).InvokeAsync();
