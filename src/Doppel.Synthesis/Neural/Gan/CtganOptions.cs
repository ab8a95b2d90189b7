using System.Collections.Immutable;
using System.Globalization;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// Hyperparameters of the <c>ctgan</c> synthesizer (Xu et al., 2019). The defaults are those of the reference
/// implementation (sdv-dev/CTGAN): a residual generator 256-256 fed 128 normal draws plus the conditional vector,
/// a PacGAN critic 256-256 (pac 10, LeakyReLU 0.2, dropout 0.5) trained with a gradient penalty, Gumbel-softmax
/// outputs, Adam, batch 500, 300 epochs.
/// </summary>
public sealed record CtganOptions
{
    /// <summary>Passes over the training rows (default 300, at least 1); an epoch is <c>max(1, rows / batch)</c> steps.</summary>
    public int Epochs { get; init; } = 300;

    /// <summary>Rows per step (default 500); a positive multiple of <see cref="Pac"/>.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Adam learning rate of the generator and the critic (default 2e-4, positive).</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam's L2 weight decay, generator and critic (default 1e-6, at least 0).</summary>
    public double WeightDecay { get; init; } = 1e-6;

    /// <summary>Adam's β1 (default 0.5, in [0, 1)).</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2 (default 0.9, in [0, 1)).</summary>
    public double Beta2 { get; init; } = 0.9;

    /// <summary>Normal draws fed to the generator per row (default 128, positive).</summary>
    public int EmbeddingDim { get; init; } = 128;

    /// <summary>Output widths of the generator's residual blocks (default 256, 256; each positive).</summary>
    public ImmutableArray<int> GeneratorDims { get; init; } = [256, 256];

    /// <summary>Hidden widths of the critic (default 256, 256; each positive).</summary>
    public ImmutableArray<int> DiscriminatorDims { get; init; } = [256, 256];

    /// <summary>Critic steps per generator step (default 1, at least 1).</summary>
    public int DiscriminatorSteps { get; init; } = 1;

    /// <summary>Rows the critic judges together (PacGAN, Lin et al., 2018; default 10, at least 1).</summary>
    public int Pac { get; init; } = 10;

    /// <summary>Weight λ of the gradient penalty (default 10, at least 0).</summary>
    public double PenaltyWeight { get; init; } = 10;

    /// <summary>Temperature τ of the Gumbel-softmax outputs (default 0.2, positive).</summary>
    public double GumbelTau { get; init; } = 0.2;

    /// <summary>Draw training conditions by log-frequency (default true) rather than by frequency.</summary>
    public bool LogFrequency { get; init; } = true;

    /// <summary>Checks every field; throws one exception listing all problems.</summary>
    /// <exception cref="InvalidOptionsException">Some field is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        Check(problems, Epochs >= 1, $"epochs is {Epochs}; it must be at least 1");
        Check(problems, Pac >= 1, $"pac is {Pac}; it must be at least 1");
        Check(problems, BatchSize >= 1 && Pac >= 1 && BatchSize % Pac == 0, $"batch_size is {BatchSize}; it must be a positive multiple of pac ({Pac})");
        Check(problems, LearningRate > 0, $"learning_rate is {LearningRate}; it must be positive");
        Check(problems, WeightDecay >= 0, $"weight_decay is {WeightDecay}; it must be at least 0");
        Check(problems, Beta1 is >= 0 and < 1, $"beta1 is {Beta1}; it must lie in [0, 1)");
        Check(problems, Beta2 is >= 0 and < 1, $"beta2 is {Beta2}; it must lie in [0, 1)");
        Check(problems, EmbeddingDim >= 1, $"embedding_dim is {EmbeddingDim}; it must be positive");
        Check(problems, !GeneratorDims.IsDefault && GeneratorDims.All(d => d >= 1), $"generator_dims must be positive widths");
        Check(problems, !DiscriminatorDims.IsDefaultOrEmpty && DiscriminatorDims.All(d => d >= 1), $"discriminator_dims must be one or more positive widths");
        Check(problems, DiscriminatorSteps >= 1, $"discriminator_steps is {DiscriminatorSteps}; it must be at least 1");
        Check(problems, PenaltyWeight >= 0, $"penalty_weight is {PenaltyWeight}; it must be at least 0");
        Check(problems, GumbelTau > 0, $"gumbel_tau is {GumbelTau}; it must be positive");
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("ctgan options", problems);
        }
    }

    internal static void Check(List<string> problems, bool ok, FormattableString problem)
    {
        if (!ok)
        {
            problems.Add(problem.ToString(CultureInfo.InvariantCulture));
        }
    }
}
