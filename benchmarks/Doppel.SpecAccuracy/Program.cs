using System.Diagnostics;
using System.Globalization;
using Doppel.Synthesis.Specification;

// Accuracy table for generation from a specification: every method on every spec, 100,000 rows, 5 seeds.
// Usage: dotnet run -c Release --project benchmarks/Doppel.SpecAccuracy -- [specs folder] [rows] [seeds] [methods: norta,iman-conover,auto,neural] [refinement sweeps] [neural steps] [neural batch] [neural λ]
var folder = args.Length > 0 ? args[0] : "data/specs";
var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var seeds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var methods = args.Length > 3
    ? args[3].Split(',').Select(m => Enum.Parse<SpecMethod>(m.Replace("-", "", StringComparison.Ordinal), ignoreCase: true)).ToArray()
    : [SpecMethod.Norta, SpecMethod.ImanConover, SpecMethod.Auto, SpecMethod.Neural];
var sweeps = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : new SpecGenerationOptions().RefinementSweeps;
var neural = new Doppel.Synthesis.Specification.Neural.NeuralSpecOptions();
neural = neural with
{
    Steps = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : neural.Steps,
    BatchSize = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : neural.BatchSize,
    CorrelationWeight = args.Length > 7 ? double.Parse(args[7], CultureInfo.InvariantCulture) : neural.CorrelationWeight,
};
var c = CultureInfo.InvariantCulture;
Console.WriteLine($"rows {rows}, seeds 0..{seeds - 1}, {Environment.ProcessorCount} cores");
Console.WriteLine("| spec | method | max error, mean of seeds (worst seed) | mean error | mean error, attainable pairs | marginal KS (worst column and seed) | wall time per run (process CPU) |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
{
    var spec = SpecJson.Read(file);
    var report = Feasibility.Check(spec);
    Console.Error.WriteLine(report.Describe());
    var d = spec.Dimension;
    var target = spec.Target;
    var attainable = report.Pairs.ToDictionary(p => (p.First, p.Second), p => p.IsAttainable);
    foreach (var method in methods)
    {
        double cpu = 0, worstMax = 0, sumMax = 0, sumMean = 0, sumMeanOk = 0, worstKs = 0, seconds = 0;
        for (var seed = 0; seed < seeds; seed++)
        {
            var sw = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var result = SpecGenerator.Generate(Feasibility.Check(spec), rows, new SpecGenerationOptions { Method = method, Seed = (ulong)seed, RefinementSweeps = sweeps, Neural = neural });
            seconds += sw.Elapsed.TotalSeconds;
            cpu += (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var (max, mean) = SpecAccuracy.Errors(result.Achieved, target, d);
            var (_, meanOk) = SpecAccuracy.Errors(result.Achieved, target, d, (i, j) => attainable[(i, j)]);
            worstMax = Math.Max(worstMax, max);
            sumMax += max;
            sumMean += mean;
            sumMeanOk += meanOk;
            for (var j = 0; j < d; j++)
            {
                worstKs = Math.Max(worstKs, SpecAccuracy.KolmogorovSmirnov(report.Marginals[j], result.Values[j]));
            }
        }

        var name = method switch { SpecMethod.Auto => "auto (norta + refinement)", SpecMethod.ImanConover => "iman-conover", SpecMethod.Neural => "neural", _ => "norta" };
        Console.WriteLine(string.Create(c, $"| {spec.Name} | {name} | {sumMax / seeds:F5} ({worstMax:F5}) | {sumMean / seeds:F5} | {sumMeanOk / seeds:F5} | {worstKs:F6} | {seconds / seeds:F2} s (cpu {cpu / seeds:F2} s) |"));
    }
}
