using System.CommandLine;
using Doppel.Data;
using Doppel.Synthesis.Specification;

namespace Doppel.Cli.Commands;

/// <summary><c>doppel spec check SPEC.json</c> and <c>doppel spec infer DATA -o SPEC.json</c>.</summary>
internal static class SpecCommand
{
    /// <summary>Builds the command with its two subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("spec",
            "Check a specification's feasibility, or infer a specification from a table.\n\n" +
            "Example:\n  doppel spec check data/specs/seed_train_py_12d.json\n  doppel spec infer data/insurance.csv -o insurance.spec.json")
        {
            Check(context),
            Infer(context),
        };
        return command;
    }

    /// <summary>The non-empty lines of <paramref name="text"/>.</summary>
    internal static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Command Check(CliContext context)
    {
        var file = new Argument<string>("SPEC") { Description = "The specification file." };
        var command = new Command("check",
            "Validate a specification and print its feasibility: whether the target is a valid correlation matrix, the pairs " +
            "whose target lies outside the range their marginals allow (with that range), and how far the nearest attainable target is.\n\n" +
            "Example:\n  doppel spec check data/specs/seed_train_py_12d.json")
        {
            file,
        };
        command.SetAction(parse =>
        {
            var report = Feasibility.Check(SpecJson.Read(parse.GetRequiredValue(file)));
            context.Out.Write(report.Describe());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Infer(CliContext context)
    {
        var data = new Argument<string>("DATA") { Description = "The CSV file." };
        var output = CommonOptions.Output("Where to write the specification (JSON, replaced atomically).", "SPEC.json");
        var correlation = new Option<string>("--correlation")
        {
            Description = "The correlation to measure: pearson, spearman or kendall.",
            HelpName = "TYPE",
            DefaultValueFactory = _ => "pearson",
        };
        correlation.AcceptOnlyFromAmong("pearson", "spearman", "kendall");
        var input = new TableInputOptions();
        var command = new Command("infer",
            "Describe a table by a specification: a fitted family per column (or an empirical one when none fits) and the " +
            "measured correlation matrix. 'doppel generate --spec' then makes rows with those statistics, without the table.\n\n" +
            "Example:\n  doppel spec infer data/insurance.csv -o insurance.spec.json")
        {
            data, output, correlation,
        };
        input.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(data);
            var table = input.Read(parse, path);
            var type = parse.GetValue(correlation) switch
            {
                "spearman" => CorrelationType.Spearman,
                "kendall" => CorrelationType.Kendall,
                _ => CorrelationType.Pearson,
            };
            var inferred = SpecInference.Infer(table, new SpecInferenceOptions { Correlation = type }, Path.GetFileNameWithoutExtension(path));
            foreach (var note in inferred.Notes)
            {
                context.Say(note);
            }

            var target = parse.GetRequiredValue(output);
            AtomicFile.Write(target, stream => SpecJson.Write(inferred.Spec, stream));
            context.Say($"wrote the specification of {inferred.Spec.Dimension} columns to {target}");
            return ExitCodes.Success;
        });
        return command;
    }
}
