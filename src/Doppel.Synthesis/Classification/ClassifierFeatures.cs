using Doppel.Data;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.Classification;

/// <summary>The features and labels of a classification table: every column but the target, encoded as the classical synthesizers encode them.</summary>
internal sealed class ClassifierFeatures
{
    private ClassifierFeatures(ColumnLayout layout, string target, string[] classes)
    {
        Layout = layout;
        Target = target;
        Classes = classes;
    }

    public ColumnLayout Layout { get; }

    public string Target { get; }

    /// <summary>The class labels, in order of first appearance.</summary>
    public string[] Classes { get; }

    public static ClassifierFeatures Fit(Table data, string target)
    {
        ArgumentNullException.ThrowIfNull(data);
        var column = data[target];
        var labels = Enumerable.Range(0, data.RowCount).Select(column.FormatValue).ToArray();
        if (labels.Any(l => l is null))
        {
            throw new SchemaException(target, "the target has missing values; drop those rows before classifying.");
        }

        var classes = labels.Distinct(StringComparer.Ordinal).ToArray()!;
        if (classes.Length < 2)
        {
            throw new SchemaException(target, "the target has a single class; there is nothing to classify.");
        }

        var features = data.Select(data.Schema.Columns.Select(c => c.Name).Where(n => n != target));
        return new ClassifierFeatures(ColumnLayout.Fit(features), target, classes!);
    }

    /// <summary>The label index of each row of <paramref name="data"/> (-1 for labels never seen in training).</summary>
    public int[] Labels(Table data) =>
        [.. Enumerable.Range(0, data.RowCount).Select(i => Array.IndexOf(Classes, data[Target].FormatValue(i)))];

    /// <summary>The encoded features of <paramref name="data"/> (which may include the target; it is ignored).</summary>
    public EncodedTable Encode(Table data) => Layout.Encode(data.Select(Layout.Columns.Select(c => c.Name)));
}
