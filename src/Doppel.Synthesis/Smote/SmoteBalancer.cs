using System.Collections.Immutable;
using Doppel.Synthesis.Balancing;
using Doppel.Data;

namespace Doppel.Synthesis.Smote;

/// <summary>
/// SMOTE's original use: oversampling the rare classes of a column. <see cref="Balance(Table, string, SmoteOptions?, ulong, CancellationToken)"/> generates only the rows
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
    /// <param name="cancellationToken">Stops the neighbour search and the run between classes.</param>
    /// <returns>The generated rows, class by class in label order; an empty table when the column is already balanced.</returns>
    /// <exception cref="SchemaException">The column is missing or not discrete, or a class to grow has a single row.</exception>
    public static Table Balance(Table data, string column, SmoteOptions? options, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        var synthesizer = new SmoteSynthesizer((options ?? new SmoteOptions()) with { Target = column });
        var model = synthesizer.FitModel(data, new FitOptions { Seed = seed }, cancellationToken);
        var result = Balance(model, column, seed, cancellationToken);
        return result.Rows.RowCount == 0 ? data.Slice(0, 0) : result.Rows;
    }

    /// <summary>
    /// The rows that balance <paramref name="column"/> of a fitted model's training rows, each interpolated between
    /// two rows of its own class (neighbours are searched again within the column's classes unless the model was
    /// fitted with it as its target). Rows with a missing label are not a class.
    /// </summary>
    /// <exception cref="SchemaException">The column is not discrete, or a class to grow has a single row.</exception>
    internal static BalanceResult Balance(SmoteModel model, string column, ulong seed, CancellationToken cancellationToken)
    {
        var classes = model.Classes(column).Where(c => c.Label is not null).ToArray();
        var largest = classes.Length == 0 ? 0 : classes.Max(c => c.Rows.Length);
        var small = classes.FirstOrDefault(c => c.Rows.Length == 1 && largest > 1);
        if (small.Rows is not null)
        {
            throw new SchemaException(column, ClassBalancer.OneRowMessage(small.Label));
        }

        var within = model.WithNeighboursWithin(column, Environment.ProcessorCount, cancellationToken);
        var rng = new Rng(seed).Fork("smote/balance");
        var parts = new List<Table>();
        var summary = ImmutableArray.CreateBuilder<BalancedClass>();
        for (var c = 0; c < classes.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (label, rows) = classes[c];
            var missing = largest - rows.Length;
            summary.Add(new BalancedClass(label!, rows.Length, missing));
            if (missing > 0)
            {
                parts.Add(within.Interpolate(missing, rng.Fork("class", c), rows));
            }
        }

        return new BalanceResult(parts.Count == 0 ? within.Interpolate(1, rng, null).Slice(0, 0) : TableConcat.Concat(parts), summary.ToImmutable());
    }
}
