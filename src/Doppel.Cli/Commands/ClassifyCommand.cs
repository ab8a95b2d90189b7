using System.CommandLine;
using System.Globalization;
using Doppel.Synthesis.Classification;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel classify TRAIN --target COL --test TEST</c>: fits the not-so-naive Bayes classifier (one kernel
/// density per class) on TRAIN, writes the predicted label of each TEST row as CSV on stdout, and reports the
/// test accuracy (with Gaussian naive Bayes beside it) when TEST has the target column.
/// </summary>
internal static class ClassifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var train = new Argument<string>("TRAIN") { Description = "The CSV file to learn from." };
        var target = new Option<string>("--target", "-t") { Description = "The column to predict.", HelpName = "COLUMN", Required = true };
        var test = new Option<string>("--test") { Description = "The CSV file whose rows are classified.", HelpName = "TEST", Required = true };
        var seed = CommonOptions.Seed();
        var input = new TableInputOptions();
        var command = new Command("classify",
            "Classify rows with a not-so-naive Bayes classifier: one kernel density per class (round or class-shaped kernels, bandwidth and feature scale by leave-one-out accuracy on TRAIN), Bayes' rule. " +
            "Writes the predicted labels as CSV on stdout; when TEST has the target column, reports the accuracy beside Gaussian naive Bayes.\n\n" +
            "Example:\n  doppel classify train.csv --target digit --test test.csv > predictions.csv")
        {
            train, target, test, seed,
        };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var column = parse.GetRequiredValue(target);
            var trainTable = input.Read(parse, parse.GetRequiredValue(train));
            var testTable = input.Read(parse, parse.GetRequiredValue(test));
            cancellationToken.ThrowIfCancellationRequested();
            var fitSeed = CommonOptions.SeedOrDraw(parse, seed, context, "classify");
            var model = NotSoNaiveBayes.Fit(trainTable, column, null, fitSeed, cancellationToken: cancellationToken);
            var predicted = model.Predict(testTable);
            context.Out.WriteLine("predicted");
            foreach (var label in predicted)
            {
                context.Out.WriteLine(label.Contains(',', StringComparison.Ordinal) || label.Contains('"', StringComparison.Ordinal) ? $"\"{label.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : label);
            }

            if (testTable.Schema.TryIndexOf(column) >= 0)
            {
                var baseline = GaussianNaiveBayes.Fit(trainTable, column).Accuracy(testTable);
                context.Say(string.Create(CultureInfo.InvariantCulture,
                    $"not-so-naive Bayes: test accuracy {model.Accuracy(testTable):F4} ({Kernels(model)}, bandwidth {model.Bandwidth:G4}, {(model.Standardised ? "standardised" : "own units")}); Gaussian naive Bayes: {baseline:F4}"));
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static string Kernels(NotSoNaiveBayes model) => model.Shrinkage is { } alpha
        ? string.Create(CultureInfo.InvariantCulture, $"class-shaped kernels on {model.Components} principal components, shrinkage {alpha:G3}")
        : "round kernels";
}
