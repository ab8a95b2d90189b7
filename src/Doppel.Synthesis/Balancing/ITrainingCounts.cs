namespace Doppel.Synthesis.Balancing;

/// <summary>A fitted model that remembers how many training rows had each label of its discrete columns.</summary>
internal interface ITrainingCounts
{
    /// <summary>The training rows of each label of a categorical or boolean column (null label: missing), in label order.</summary>
    /// <param name="column">The column's name.</param>
    /// <exception cref="SchemaException">The column is unknown or not categorical or boolean.</exception>
    IReadOnlyList<(string? Label, long Count)> TrainingCounts(string column);
}
