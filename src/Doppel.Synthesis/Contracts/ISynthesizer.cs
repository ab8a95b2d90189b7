using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>An untrained synthesizer: it owns its options and learns a table.</summary>
internal interface ISynthesizer
{
    /// <summary>The registry name, as on the command line (kebab-case, for example <c>gaussian-copula</c>).</summary>
    string Name { get; }

    /// <summary>Learns <paramref name="data"/> (whose schema, with any user overrides, is <see cref="Table.Schema"/>).</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="options">Run settings: seed and parallelism.</param>
    /// <param name="progress">Receives progress, if given.</param>
    /// <param name="cancellationToken">Stops training at the end of the current step.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="SchemaException">The table has a column the synthesizer cannot learn.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
