using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis.Smote;

/// <summary>
/// SMOTE's original use: oversampling the rare classes of a column. <see cref="Balance"/> generates only the rows
/// that bring every class of the column up to the size of the largest class, each interpolated between two rows
/// of its own class.
/// </summary>
internal static class SmoteBalancer
{
    /// <summary>The new rows (not including <paramref name="data"/>) that balance <paramref name="column"/>.</summary>
    /// <param name="data">The table to balance.</param>
    /// <param name="column">A categorical or boolean column.</param>
    /// <param name="options">SMOTE options; <see cref="SmoteOptions.Target"/> is set to <paramref name="column"/>.</param>
    /// <param name="seed">The seed of the generated rows.</param>
    /// <returns>The generated rows, class by class in label order; an empty table when the column is already balanced.</returns>
    /// <exception cref="SchemaException">The column is missing or not discrete, or a class to grow has a single row.</exception>
    public static Table Balance(Table data, string column, SmoteOptions? options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        var synthesizer = new SmoteSynthesizer((options ?? new SmoteOptions()) with { Target = column });
        var model = synthesizer.FitModel(data, new FitOptions { Seed = seed }, CancellationToken.None);
        var classes = model.Classes(column);
        var largest = classes.Max(c => c.Rows.Length);
        var rng = new Rng(seed).Fork("smote/balance");
        var parts = new List<Table>();
        for (var c = 0; c < classes.Count; c++)
        {
            var (label, rows) = classes[c];
            var missing = largest - rows.Length;
            if (missing == 0)
            {
                continue;
            }

            if (rows.Length < 2)
            {
                throw new SchemaException(column, string.Create(CultureInfo.InvariantCulture,
                    $"class '{label ?? "(missing)"}' has only one row; SMOTE needs at least two rows of a class to interpolate between. Remove or merge that class, or add rows."));
            }

            parts.Add(model.Interpolate(missing, rng.Fork("class", c), rows));
        }

        return parts.Count == 0 ? data.Slice(0, 0) : TableConcat.Concat(parts);
    }
}
