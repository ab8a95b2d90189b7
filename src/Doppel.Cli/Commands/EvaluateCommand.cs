using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Json;
using Doppel.Evaluation.Report;
using Doppel.Evaluation.Utility;
using Spectre.Console;
using DataTable = Doppel.Data.Table;
using SpectreTable = Spectre.Console.Table;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel evaluate REAL SYN [--holdout TEST | --split 0.2] [--target COL] [--json OUT] [--report OUT.html] [--seed S]</c>:
/// compares synthetic rows with the real rows they imitate, prints the headline scores on stderr and writes the
/// JSON document and the HTML report.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var real = new Argument<string>("REAL") { Description = "The real rows the synthesizer was fitted on (CSV)." };
        var synthetic = new Argument<string>("SYN") { Description = "The synthetic rows (CSV with the same columns)." };
        var holdout = new Option<string?>("--holdout") { Description = "Real rows the synthesizer never saw (CSV): the test set of ML efficacy and the privacy yardstick.", HelpName = "TEST" };
        var split = new Option<double?>("--split") { Description = "Hold out this share of REAL instead (stratified by --target), e.g. --split 0.2.", HelpName = "FRACTION" };
        var target = new Option<string?>("--target") { Description = "The column to predict for ML efficacy.", HelpName = "COL" };
        var json = new Option<string?>("--json") { Description = "Write the JSON document here ('-' for stdout).", HelpName = "OUT" };
        var report = new Option<string?>("--report") { Description = "Write the self-contained HTML report here.", HelpName = "OUT.html" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the split and the models (default 0).", HelpName = "S", DefaultValueFactory = _ => 0 };
        var model = new Option<string?>("--model") { Description = "The model file that made SYN: the report then plots its training-loss curves.", HelpName = "MODEL" };
        var input = new TableInputOptions();
        var command = new Command("evaluate",
            "Compare synthetic rows with real ones: fidelity, ML efficacy, detection and privacy.\n\n" +
            "Example:\n  doppel evaluate train.csv synthetic.csv --holdout test.csv --target income --report report.html --json report.json")
        {
            real, synthetic, holdout, split, target, json, report, seed, model,
        };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(holdout) is not null && parse.GetValue(split) is not null)
            {
                throw new UsageException("give either --holdout or --split, not both.");
            }

            var clock = Stopwatch.StartNew();
            var realTable = input.Read(parse, parse.GetRequiredValue(real));
            var options = input.ReadOptions(parse) with { Schema = realTable.Schema };
            var synPath = parse.GetRequiredValue(synthetic);
            var synTable = ReadLike(synPath, options, input, parse, realTable, "synthetic");
            var holdoutTable = parse.GetValue(holdout) is { } h ? ReadLike(h, options, input, parse, realTable, "holdout") : null;
            var root = parse.GetValue(seed);
            var targetColumn = parse.GetValue(target);
            if (parse.GetValue(split) is { } fraction)
            {
                if (targetColumn is not null && realTable.Schema.TryIndexOf(targetColumn) < 0)
                {
                    throw new UsageException($"--target: '{targetColumn}' is not a column of {parse.GetRequiredValue(real)}.");
                }

                (realTable, holdoutTable) = TableSplit.Split(realTable, fraction, targetColumn, root);
            }

            context.Say(string.Create(CultureInfo.InvariantCulture,
                $"read {realTable.RowCount:N0} real, {synTable.RowCount:N0} synthetic and {holdoutTable?.RowCount ?? 0:N0} holdout rows ({clock.Elapsed.TotalSeconds:F2} s)"));
            clock.Restart();
            var result = QualityEvaluator.Evaluate(realTable, synTable, new EvaluationOptions { Seed = root, Target = targetColumn, Holdout = holdoutTable }, cancellationToken);
            context.Say(string.Create(CultureInfo.InvariantCulture, $"evaluated in {clock.Elapsed.TotalSeconds:F2} s"));
            context.Error.Write(Headline(result));
            if (parse.GetValue(json) is { } jsonPath)
            {
                if (jsonPath == "-")
                {
                    context.Out.WriteLine(QualityReportJson.Serialize(result));
                }
                else
                {
                    QualityReportJson.WriteFile(result, jsonPath);
                    context.Say($"wrote {jsonPath}");
                }
            }

            if (parse.GetValue(report) is { } reportPath)
            {
                clock.Restart();
                HtmlReport.Write(result, realTable, synTable, reportPath, new HtmlReportOptions { Seed = root, LossCurves = LossCurves(parse.GetValue(model), context) });
                context.Say(string.Create(CultureInfo.InvariantCulture, $"wrote {reportPath} ({clock.Elapsed.TotalSeconds:F2} s)"));
            }

            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    /// <summary>The training-loss curves stored in <paramref name="modelPath"/>, if any (none for classical models).</summary>
    private static System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<double>> LossCurves(string? modelPath, CliContext context) =>
        modelPath is not null && Synthesis.ModelFile.Load(modelPath, context.Registry) is Synthesis.Neural.Training.ILossCurveSource source
            ? source.LossCurves
            : System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<double>>.Empty;

    /// <summary>
    /// Reads a table with the real table's kinds, after checking that its own columns and kinds (inferred from its
    /// values) match the real ones: any difference is refused with every column listed. Column order may differ.
    /// </summary>
    /// <exception cref="SchemaException">Columns are missing or extra, or a column's type changed.</exception>
    private static DataTable ReadLike(string path, CsvReadOptions options, TableInputOptions input, ParseResult parse, DataTable real, string what)
    {
        var own = input.InferSchema(parse, path);
        SchemaCheck.Require(real.Schema, own, what, path);
        var ordered = new TableSchema([.. own.Columns.Select(c => real.Schema[c.Name])]);
        return CsvTableReader.Read(path, options with { Schema = ordered });
    }

    /// <summary>The headline scores as a table: one row per score with its value and what it means.</summary>
    internal static SpectreTable Headline(QualityReport r)
    {
        var table = new SpectreTable().AddColumn("score").AddColumn(new TableColumn("value").RightAligned()).AddColumn("meaning");
        void Row(string name, double? value, string meaning) =>
            table.AddRow(new Text(name), new Text(value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-"), new Text(meaning));
        Row("quality", r.Quality.Score, "mean of shapes and pair trends (1 = identical)");
        Row("column shapes", r.Quality.ColumnShapes, "1 - KS / 1 - TVD per column, averaged");
        Row("column pair trends", r.Quality.ColumnPairTrends, "correlations and joint frequencies kept");
        if (r.MlEfficacy is { } ml)
        {
            if (ml.Reason is not null)
            {
                table.AddRow(new Text("ML efficacy"), new Text("-"), new Text(ml.Reason));
            }
            else if ((ml.Synthetic?.Reasons.GetValueOrDefault("model") ?? ml.Real?.Reasons.GetValueOrDefault("model")) is { } why)
            {
                table.AddRow(new Text("ML efficacy"), new Text("-"), new Text(why));
            }
            else if (ml.Task == "regression")
            {
                Row("TSTR R2", ml.Synthetic?.R2, string.Create(CultureInfo.InvariantCulture, $"trained on synthetic; real rows reach {ml.Real?.R2:0.000}"));
                Row("TSTR MAE", ml.Synthetic?.Mae, string.Create(CultureInfo.InvariantCulture, $"real rows reach {ml.Real?.Mae:0.000}"));
            }
            else
            {
                Row("TSTR accuracy", ml.Synthetic?.Accuracy, string.Create(CultureInfo.InvariantCulture, $"trained on synthetic; real rows reach {ml.Real?.Accuracy:0.000}"));
                Row("TSTR macro-F1", ml.Synthetic?.MacroF1, string.Create(CultureInfo.InvariantCulture, $"real rows reach {ml.Real?.MacroF1:0.000}"));
                Row("TSTR ROC AUC", ml.Synthetic?.RocAuc, string.Create(CultureInfo.InvariantCulture, $"real rows reach {ml.Real?.RocAuc:0.000}"));
            }
        }

        if (r.Detection is { } d)
        {
            Row("detection AUC", d.Auc, d.Reason ?? "0.5 = real and synthetic indistinguishable");
        }

        if (r.Privacy is { } p)
        {
            Row("DCR ratio", p.DcrRatio, "near 1 healthy, far below 1 = copying");
            table.AddRow(new Text("exact copies"), new Text(p.ExactCopies.ToString(CultureInfo.InvariantCulture)), new Text("synthetic rows equal to a training row"));
        }

        return table;
    }
}
