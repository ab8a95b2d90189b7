using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Smote;

namespace Doppel.Synthesis.Balancing;

/// <summary>How many rows of one class a balancing run generates.</summary>
/// <param name="Label">The class label.</param>
/// <param name="TrainingRows">The class's training rows.</param>
/// <param name="Generated">The rows generated for it (the largest class's count minus its own).</param>
internal sealed record BalancedClass(string Label, long TrainingRows, long Generated);

/// <summary>The rows that balance a column, and what was generated per class.</summary>
/// <param name="Rows">The generated rows only (not the training rows), class by class in label order.</param>
/// <param name="Classes">Every class, in label order.</param>
internal sealed record BalanceResult(Table Rows, ImmutableArray<BalancedClass> Classes);

/// <summary>
/// Oversampling from a fitted model: generates only the rows that bring each class of a discrete column up to the
/// training count of its largest class. <c>smote</c> models interpolate between rows of the same class
/// (<see cref="SmoteBalancer"/>); the other models that remember their training counts (<see cref="ITrainingCounts"/>:
/// <c>gmm</c>, <c>pca-gmm</c>, <c>kde</c>) sample conditioned on the class. Rows with a missing label are not a class.
/// </summary>
internal static class ClassBalancer
{
    /// <summary>The rows that balance <paramref name="column"/> of the model's training data.</summary>
    /// <param name="model">A fitted model.</param>
    /// <param name="column">A categorical or boolean column of the model.</param>
    /// <param name="seed">The seed of the generated rows.</param>
    /// <param name="cancellationToken">Stops the run between classes and batches.</param>
    /// <exception cref="InvalidOptionsException">The model does not keep its training counts.</exception>
    /// <exception cref="SchemaException">The column is unknown or not discrete, or (smote) a class to grow has a single row.</exception>
    public static BalanceResult Balance(ISynthesizerModel model, string column, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(column);
        if (model.Schema.TryIndexOf(column) < 0)
        {
            throw new SchemaException(column, $"the model has no column '{column}' (it has {string.Join(", ", model.Schema.Columns.Select(c => c.Name))}).");
        }

        if (model is SmoteModel smote)
        {
            return SmoteBalancer.Balance(smote, column, seed, cancellationToken);
        }

        if (model is not ITrainingCounts remembered)
        {
            throw new InvalidOptionsException("--balance", [
                $"a '{model.SynthesizerName}' model does not keep the training count of each class of '{column}', so it cannot tell how many rows " +
                "each class lacks; fit a gmm, pca-gmm, kde or smote model to balance"]);
        }

        var counts = remembered.TrainingCounts(column).Where(c => c.Label is not null).Select(c => (Label: c.Label!, c.Count)).ToArray();
        var largest = counts.Length == 0 ? 0 : counts.Max(c => c.Count);
        var classes = ImmutableArray.CreateBuilder<BalancedClass>();
        var parts = new List<Table>();
        for (var c = 0; c < counts.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (label, count) = counts[c];
            var missing = largest - count;
            classes.Add(new BalancedClass(label, count, missing));
            if (missing > 0)
            {
                var options = new SampleOptions
                {
                    Seed = new Rng(seed).Fork("balance", c).NextUInt64(),
                    Conditions = [new Condition(column, ConditionOperator.Equal, label)],
                };
                parts.Add(TableConcat.Concat([.. model.SampleBatches(missing, options, cancellationToken)]));
            }
        }

        var rows = parts.Count > 0 ? TableConcat.Concat(parts) : model.Sample(1, new SampleOptions { Seed = seed }, cancellationToken).Slice(0, 0);
        return new BalanceResult(rows, classes.ToImmutable());
    }

    /// <summary>The message for a class too small to interpolate in.</summary>
    internal static string OneRowMessage(string? label) =>
        "class '" + (label ?? "(missing)") + "' has only one row; SMOTE needs at least two rows of a class to interpolate between. " +
        "Remove or merge that class, add rows, or balance with a gmm, pca-gmm or kde model, which sample the class from a fitted density.";
}
