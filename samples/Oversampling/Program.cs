using System.Globalization;
using Doppel.Data;
using Doppel.Interop;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Doppel.Samples.Oversampling;

/// <summary>
/// Oversample a rare class with SMOTE before training an ML.NET classifier, and compare the classifier's scores on
/// the same held-out rows with and without the synthetic rows.
/// Usage: Oversampling [rows] [seed]   (defaults: 12000 rows of data/adult.csv, seed 1)
/// </summary>
public static class Program
{
    private const string Target = "income";
    private const string Positive = " >50K";

    public static int Main(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 12_000;
        var seed = args.Length > 1 ? ulong.Parse(args[1], CultureInfo.InvariantCulture) : 1UL;

        // Adult's high earners are about a quarter of the rows; keep one in six of them in training so the class is rare.
        var adult = Table.ReadCsv(SampleData.File("adult.csv"));
        var (train, test) = Evaluate.Split(adult.Slice(0, Math.Min(rows, adult.RowCount)), testFraction: 0.3, stratify: Target, seed: seed);
        train = MakeRare(train, keepEvery: 6);
        output.WriteLine(Invariant($"training rows {train.RowCount} ({Count(train)} positive), test rows {test.RowCount} ({Count(test)} positive)"));

        var before = TrainAndScore(train, test, seed);
        output.WriteLine(Invariant($"before: recall {before.PositiveRecall:F3} precision {before.PositivePrecision:F3} f1 {before.F1Score:F3} auc {before.AreaUnderRocCurve:F3}"));

        var extra = Balance.Smote(train, Target, seed);
        output.WriteLine(Invariant($"smote added {extra.RowCount} rows of the rare class"));
        var after = TrainAndScore(TableConcat.Concat([train, extra]), test, seed);
        output.WriteLine(Invariant($"after:  recall {after.PositiveRecall:F3} precision {after.PositivePrecision:F3} f1 {after.F1Score:F3} auc {after.AreaUnderRocCurve:F3}"));
        output.WriteLine(Invariant($"recall change {after.PositiveRecall - before.PositiveRecall:+0.000;-0.000}"));
        return 0;
    }

    /// <summary>Keeps every negative row and one positive row in <paramref name="keepEvery"/>.</summary>
    private static Table MakeRare(Table table, int keepEvery)
    {
        var income = (CategoricalColumn)table[Target];
        var positive = income.Categories.IndexOf(Positive);
        var seen = 0;
        var keep = Enumerable.Range(0, table.RowCount).Where(i => income.Codes[i] != positive || seen++ % keepEvery == 0).ToArray();
        return table.Take(keep);
    }

    private static int Count(Table table)
    {
        var income = (CategoricalColumn)table[Target];
        var positive = income.Categories.IndexOf(Positive);
        return income.Codes.Count(c => c == positive);
    }

    /// <summary>Logistic regression on one-hot categories and normalised numbers; scored on <paramref name="test"/>.</summary>
    private static CalibratedBinaryClassificationMetrics TrainAndScore(Table train, Table test, ulong seed)
    {
        var ml = new MLContext(seed: (int)seed);
        var features = train.Schema.Columns.Where(c => c.Name != Target).ToList();
        var text = features.Where(c => c.Kind == ColumnKind.Categorical).Select(c => c.Name).ToArray();
        var numbers = features.Where(c => c.Kind is ColumnKind.Continuous or ColumnKind.Integer).Select(c => c.Name).ToArray();

        var pipeline = ml.Transforms.Conversion.ConvertType([.. numbers.Select(n => new InputOutputColumnPair(n))], DataKind.Single)
            .Append(ml.Transforms.ReplaceMissingValues([.. numbers.Select(n => new InputOutputColumnPair(n))]))
            .Append(ml.Transforms.Categorical.OneHotEncoding([.. text.Select(t => new InputOutputColumnPair(t))]))
            .Append(ml.Transforms.Concatenate("Features", [.. numbers, .. text]))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Label"));
        var model = pipeline.Fit(WithLabel(train).ToDataView());
        return ml.BinaryClassification.Evaluate(model.Transform(WithLabel(test).ToDataView()), labelColumnName: "Label");
    }

    /// <summary>The table with the target replaced by a boolean <c>Label</c>, as ML.NET's binary trainers want.</summary>
    private static Table WithLabel(Table table)
    {
        var income = (CategoricalColumn)table[Target];
        var positive = income.Categories.IndexOf(Positive);
        var label = new BooleanColumn("Label", [.. income.Codes.Select(c => c == positive)]);
        return new Table(table.Columns.Where(c => c.Name != Target).Append(label));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
