using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis;
using Spectre.Console;
using DataTable = Doppel.Data.Table;
using SpectreTable = Spectre.Console.Table;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel demo</c>: fits the Gaussian copula on the bundled Adult census table (copied next to the executable as
/// <c>data/adult.csv</c>), samples as many rows, writes the schema, model and synthetic CSV into a folder, shows real
/// against synthetic summaries on stderr and prints the folder on stdout. It then fits <c>pca-gmm</c> on the bundled
/// digits and writes a PNG grid of sampled digits (<see cref="DigitsDemo"/>).
/// </summary>
internal static class DemoCommand
{
    /// <summary>The bundled table, relative to the executable's folder.</summary>
    internal static string BundledData => Path.Combine(AppContext.BaseDirectory, "data", "adult.csv");

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "The folder to write into (created if needed).",
            HelpName = "DIR",
            DefaultValueFactory = _ => "doppel-demo",
        };
        var seed = new Option<ulong>("--seed") { Description = "Root seed of the fit and the sample.", HelpName = "S", DefaultValueFactory = _ => 0 };
        var command = new Command("demo",
            "Fit gaussian-copula on the bundled Adult census table (32,561 rows), sample as many synthetic rows, and write the schema, " +
            "model and synthetic CSV into a folder.\n\nExample:\n  doppel demo --out demo-output")
        {
            output, seed,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetRequiredValue(output));
            var source = BundledData;
            var root = parse.GetValue(seed);
            var clock = Stopwatch.StartNew();
            var real = CsvTableReader.Read(source);
            context.Say(string.Create(CultureInfo.InvariantCulture, $"read {source}: {real.RowCount:N0} rows, {real.ColumnCount} columns ({clock.Elapsed.TotalSeconds:F2} s)"));
            clock.Restart();
            var model = new GaussianCopulaSynthesizer().Fit(real, new FitOptions { Seed = root }, context.Progress(), cancellationToken);
            var synthetic = model.Sample(real.RowCount, new SampleOptions { Seed = root }, cancellationToken);
            context.Say(string.Create(CultureInfo.InvariantCulture, $"fitted gaussian-copula and sampled {synthetic.RowCount:N0} rows in {clock.Elapsed.TotalSeconds:F2} s"));

            Directory.CreateDirectory(folder);
            new SchemaFile(real.Schema, CsvReadOptions.DefaultMissingTokens).Write(Path.Combine(folder, "schema.json"));
            model.Save(Path.Combine(folder, "adult.model"));
            CsvTableWriter.Write(synthetic, Path.Combine(folder, "synthetic.csv"));
            context.Error.Write(Compare(real, synthetic));
            var evaluation = Doppel.Evaluation.QualityEvaluator.Evaluate(real, synthetic, new Doppel.Evaluation.EvaluationOptions { Seed = root }, cancellationToken);
            var reportPath = Path.Combine(folder, "report.html");
            Doppel.Evaluation.Report.HtmlReport.Write(evaluation, real, synthetic, reportPath, new Doppel.Evaluation.Report.HtmlReportOptions { Seed = root });
            context.Error.Write(EvaluateCommand.Headline(evaluation));
            context.Say($"quality report: {reportPath}");
            DigitsDemo.Run(context, folder, root, cancellationToken);
            context.Say($"wrote schema.json, adult.model and synthetic.csv; try: doppel sample {Path.Combine(folder, "adult.model")} -n 10 -o more.csv");
            context.Out.WriteLine(folder);
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>A table of each column's summary in the real and the synthetic rows: mean and range, or the commonest label's share.</summary>
    internal static SpectreTable Compare(DataTable real, DataTable synthetic)
    {
        var table = new SpectreTable().AddColumn("column").AddColumn("kind").AddColumn("real").AddColumn("synthetic");
        for (var j = 0; j < real.ColumnCount; j++)
        {
            table.AddRow(
                new Text(real.Schema.Columns[j].Name),
                new Text(real.Schema.Columns[j].Kind.ToString().ToLowerInvariant()),
                new Text(Summary(real[j])),
                new Text(Summary(synthetic[j])));
        }

        return table;
    }

    private static string Summary(Column column)
    {
        IEnumerable<double>? numbers = column switch
        {
            NumericColumn c => c.Values.Where((_, i) => !c.IsMissing(i)),
            IntegerColumn c => c.Values.Where((_, i) => !c.IsMissing(i)).Select(v => (double)v),
            _ => null,
        };
        if (numbers is not null)
        {
            var values = numbers.ToArray();
            return values.Length == 0
                ? "all missing"
                : string.Create(CultureInfo.InvariantCulture, $"mean {values.Average():G5}, {values.Min():G6} to {values.Max():G6}");
        }

        var labels = Enumerable.Range(0, column.Length).Select(column.FormatValue).Where(v => v is not null).ToList();
        if (labels.Count == 0)
        {
            return "all missing";
        }

        var top = labels.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        return string.Create(CultureInfo.InvariantCulture, $"'{top.Key!.Trim()}' {100.0 * top.Count() / column.Length:F1}%");
    }
}
