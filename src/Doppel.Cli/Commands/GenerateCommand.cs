using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Doppel.Cli.Specification;
using Doppel.Data;
using Doppel.Synthesis.Specification;
using Doppel.Synthesis.Specification.Neural;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel generate --spec SPEC.json -n ROWS -o OUT.csv</c>: rows from marginals and a target correlation, without data.</summary>
internal static class GenerateCommand
{
    /// <summary>The CLI names of the methods.</summary>
    private static readonly Dictionary<string, SpecMethod> Methods = new(StringComparer.Ordinal)
    {
        ["auto"] = SpecMethod.Auto,
        ["norta"] = SpecMethod.Norta,
        ["iman-conover"] = SpecMethod.ImanConover,
        ["neural"] = SpecMethod.Neural,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var spec = new Option<string>("--spec") { Description = "The specification file (marginals, target_corr, correlation; see docs/MODELS.md).", HelpName = "SPEC.json", Required = true };
        var rows = new Option<int>("--rows", "-n") { Description = "How many rows to generate (at least 2).", HelpName = "ROWS", Required = true };
        rows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 2)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"-n must be at least 2 rows (got {result.GetValueOrDefault<int>()})."));
            }
        });
        var output = CommonOptions.Output("Where to write the CSV (replaced atomically).", "OUT.csv");
        var method = new Option<string>("--method")
        {
            Description = "auto (NORTA, exact marginals, then rank-swap refinement to the target), norta, iman-conover, or neural (a trained network; approximate marginals).",
            HelpName = "METHOD",
            DefaultValueFactory = _ => "auto",
        };
        method.AcceptOnlyFromAmong([.. Methods.Keys]);
        var steps = new Option<int>("--neural-steps") { Description = "Training steps of --method neural (default 6000).", HelpName = "STEPS", DefaultValueFactory = _ => new NeuralSpecOptions().Steps };
        var seconds = new Option<double>("--neural-seconds") { Description = "Wall-clock limit of --method neural's training in seconds; 0 (default) for none. A limit makes the rows depend on the machine's speed.", HelpName = "SECONDS" };
        var seed = CommonOptions.Seed();
        var report = new Option<string?>("--report") { Description = "Also write an HTML report: each marginal against its target, and the target, achieved and difference correlation heatmaps.", HelpName = "OUT.html" };
        var command = new Command("generate",
            "Generate rows from a specification: a distribution per column and a target correlation matrix, no data needed. " +
            "Checks feasibility first and aims for the nearest attainable target when the requested one cannot be reached.\n\n" +
            "Example:\n  doppel generate --spec data/specs/readme_example_2d.json -n 100000 -o rows.csv --seed 1")
        {
            spec, rows, output, method, steps, seconds, seed, report,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var specification = SpecJson.Read(parse.GetRequiredValue(spec));
            var feasibility = Feasibility.Check(specification);
            foreach (var line in SpecCommand.Lines(feasibility.Describe()))
            {
                context.Say(line);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var options = new SpecGenerationOptions
            {
                Method = Methods[parse.GetValue(method) ?? "auto"],
                Seed = CommonOptions.SeedOrDraw(parse, seed, context, "generate"),
                Neural = new NeuralSpecOptions { Steps = parse.GetValue(steps), MaxSeconds = parse.GetValue(seconds) },
            };
            var result = SpecGenerator.Generate(feasibility, parse.GetValue(rows), options);
            cancellationToken.ThrowIfCancellationRequested();
            var target = parse.GetRequiredValue(output);
            AtomicFile.Write(target, stream => CsvTableWriter.Write(result.Table, stream));
            var summary = SpecSummary.Of(result);
            context.Say(summary.Text);
            if (parse.GetValue(report) is { } html)
            {
                AtomicFile.Write(html, stream => SpecReport.Write(result, summary, stream));
                context.Say($"report: {html}");
            }

            context.Say(string.Create(CultureInfo.InvariantCulture, $"wrote {result.Table.RowCount:N0} rows ({result.Description}) to {target} ({clock.Elapsed.TotalSeconds:F2} s)"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
