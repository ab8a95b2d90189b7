using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel;

/// <summary>
/// An untrained synthesizer with its options, made by <see cref="Synthesizers"/>. <see cref="Fit"/> learns a table
/// and returns a <see cref="SynthesizerModel"/>; the synthesizer itself is unchanged and can fit other tables.
/// </summary>
public sealed class Synthesizer
{
    internal Synthesizer(ISynthesizer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The command-line name, for example <c>gaussian-copula</c>.</summary>
    public string Name => Inner.Name;

    /// <summary>The underlying synthesizer.</summary>
    internal ISynthesizer Inner { get; }

    /// <summary>Learns <paramref name="table"/> (its schema, as read or overridden, says each column's kind).</summary>
    /// <param name="table">The training rows.</param>
    /// <param name="options">Seed and parallelism; null for seed 0 and every core. The same seed and data give the same model.</param>
    /// <param name="progress">Receives a report per step (epochs for neural models, stages for classical ones), if given.</param>
    /// <param name="cancellationToken">Stops training at the end of the current step.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="SchemaException">The table has a column this synthesizer cannot learn.</exception>
    /// <exception cref="InvalidOptionsException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public SynthesizerModel Fit(Table table, FitOptions? options = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new SynthesizerModel(Inner.Fit(table, options ?? new FitOptions(), progress, cancellationToken));
    }

    /// <summary>As <see cref="Fit"/>, on the thread pool, so a UI or server thread stays free while it trains.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task<SynthesizerModel> FitAsync(Table table, FitOptions? options = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Task.Run(() => Fit(table, options, progress, cancellationToken), cancellationToken);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
