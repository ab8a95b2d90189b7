using Doppel.Synthesis.Neural.Training;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>Where an unfinished TabDDPM fit stands: everything a resumed run needs besides the averaged weights and the loss curve.</summary>
/// <param name="CompletedSteps">Optimiser steps done.</param>
/// <param name="Rows">Training rows (a resumed fit must see as many).</param>
/// <param name="PartialGaussian">The sum of the Gaussian loss over the steps of the unfinished logging interval.</param>
/// <param name="PartialMultinomial">The same for the multinomial loss.</param>
/// <param name="PartialCount">Steps in the unfinished interval.</param>
/// <param name="Raw">The trained weights (the model's own denoiser holds their moving average), or null when nothing is diffused.</param>
/// <param name="Optimizers">The optimiser state read from the checkpoint (null while fitting).</param>
internal sealed record TrainingState(int CompletedSteps, int Rows, double PartialGaussian, double PartialMultinomial, int PartialCount,
    Denoiser? Raw, IReadOnlyList<OptimizerSnapshot>? Optimizers);

/// <summary>The JSON form of <see cref="TrainingState"/>'s counters.</summary>
internal sealed record TrainingStateJson(int CompletedSteps, int Rows, double PartialGaussian, double PartialMultinomial, int PartialCount);
