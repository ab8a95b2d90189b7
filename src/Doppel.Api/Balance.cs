using Doppel.Data;
using Doppel.Synthesis.Balancing;
using Doppel.Synthesis.Smote;

namespace Doppel;

/// <summary>Oversampling rare classes before training a classifier.</summary>
public static class Balance
{
    /// <summary>
    /// The new rows (not including <paramref name="table"/>) that bring every class of <paramref name="column"/> up
    /// to the size of the largest, each interpolated by SMOTE between two rows of its own class. Append them to the
    /// training rows, never to a test set.
    /// </summary>
    /// <param name="table">The training rows.</param>
    /// <param name="column">A categorical or boolean column.</param>
    /// <param name="seed">The seed of the new rows.</param>
    /// <param name="options">SMOTE settings (neighbours, metric); null for the defaults.</param>
    /// <param name="cancellationToken">Stops the neighbour search and the run between classes.</param>
    /// <returns>The new rows; an empty table when the column is already balanced.</returns>
    /// <exception cref="SchemaException">The column is missing or not discrete, or a class to grow has a single row.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static Table Smote(Table table, string column, ulong seed = 0, SmoteOptions? options = null, CancellationToken cancellationToken = default) =>
        SmoteBalancer.Balance(table, column, options, seed, cancellationToken);

    /// <summary>
    /// The new rows that bring every class of <paramref name="column"/> up to the training count of its largest class,
    /// drawn from a fitted model: <c>smote</c> models interpolate within a class, <c>gmm</c>, <c>pca-gmm</c> and
    /// <c>kde</c> models sample conditioned on the class (the same as <c>doppel sample --balance</c>). Rows with a
    /// missing label are not a class.
    /// </summary>
    /// <param name="model">A model that keeps its training count per class: <c>gmm</c>, <c>pca-gmm</c>, <c>kde</c> or <c>smote</c>.</param>
    /// <param name="column">A categorical or boolean column of the model.</param>
    /// <param name="seed">The seed of the new rows.</param>
    /// <param name="cancellationToken">Stops the run between classes and batches.</param>
    /// <returns>The new rows only, class by class in label order; an empty table when the classes are already equal.</returns>
    /// <exception cref="InvalidOptionsException">The model does not keep its training counts.</exception>
    /// <exception cref="SchemaException">The column is unknown or not discrete, or (smote) a class to grow has a single row.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static Table FromModel(SynthesizerModel model, string column, ulong seed = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ClassBalancer.Balance(model.Inner, column, seed, cancellationToken).Rows;
    }
}
