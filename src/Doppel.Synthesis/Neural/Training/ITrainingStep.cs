using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Training;

/// <summary>The model-specific part of a neural fit that <see cref="TrainingLoop"/> drives: one optimisation step.</summary>
internal interface ITrainingStep
{
    /// <summary>The names of the losses each step reports, in the order <see cref="Step"/> writes them.</summary>
    ImmutableArray<string> LossNames { get; }

    /// <summary>Every optimiser whose state a checkpoint must hold, in a fixed order.</summary>
    IReadOnlyList<Optimizer> Optimizers { get; }

    /// <summary>
    /// Runs one optimisation step on the training rows <paramref name="batch"/> (indices into the encoded data),
    /// drawing every random number from <paramref name="rng"/>, and writes the step's losses into <paramref name="losses"/>.
    /// </summary>
    void Step(ReadOnlySpan<int> batch, Rng rng, Span<double> losses);
}
