using System.Collections.Immutable;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// Hyperparameters of the <c>wgan-gp</c> synthesizer (Gulrajani et al., 2017, algorithm 1): the Wasserstein
/// critic kept 1-Lipschitz by a gradient penalty of weight λ = 10 on interpolates instead of clipping,
/// <c>n_critic</c> = 5, Adam with the paper's α = 1e-4, β1 = 0, β2 = 0.9, batch 64. Generator and critic are
/// MLPs 256-256 (no batch normalisation in the critic); outputs as in <see cref="WganOptions"/>.
/// </summary>
public sealed record WganGpOptions
{
    /// <summary>Passes over the training rows (default 300, at least 1); an epoch is <c>max(1, rows / (batch · critic_steps))</c> generator steps.</summary>
    public int Epochs { get; init; } = 300;

    /// <summary>Rows per critic or generator step (default 64, at least 1).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam learning rate of both networks (default 1e-4, positive).</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Adam's β1 (default 0, in [0, 1)).</summary>
    public double Beta1 { get; init; }

    /// <summary>Adam's β2 (default 0.9, in [0, 1)).</summary>
    public double Beta2 { get; init; } = 0.9;

    /// <summary>Weight λ of the gradient penalty (default 10, positive).</summary>
    public double PenaltyWeight { get; init; } = 10;

    /// <summary>Critic steps per generator step, n_critic (default 5, at least 1).</summary>
    public int CriticSteps { get; init; } = 5;

    /// <summary>Normal draws fed to the generator per row (default 128, positive).</summary>
    public int EmbeddingDim { get; init; } = 128;

    /// <summary>Hidden widths of the generator (default 256, 256).</summary>
    public ImmutableArray<int> GeneratorDims { get; init; } = [256, 256];

    /// <summary>Hidden widths of the critic (default 256, 256).</summary>
    public ImmutableArray<int> CriticDims { get; init; } = [256, 256];

    /// <summary>Temperature τ of the Gumbel-softmax outputs (default 0.2, positive).</summary>
    public double GumbelTau { get; init; } = 0.2;

    /// <summary>Checks every field; throws one exception listing all problems.</summary>
    /// <exception cref="InvalidOptionsException">Some field is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        CtganOptions.Check(problems, Epochs >= 1, $"epochs is {Epochs}; it must be at least 1");
        CtganOptions.Check(problems, BatchSize >= 1, $"batch_size is {BatchSize}; it must be at least 1");
        CtganOptions.Check(problems, LearningRate > 0, $"learning_rate is {LearningRate}; it must be positive");
        CtganOptions.Check(problems, Beta1 is >= 0 and < 1, $"beta1 is {Beta1}; it must lie in [0, 1)");
        CtganOptions.Check(problems, Beta2 is >= 0 and < 1, $"beta2 is {Beta2}; it must lie in [0, 1)");
        CtganOptions.Check(problems, PenaltyWeight > 0, $"penalty_weight is {PenaltyWeight}; it must be positive");
        CtganOptions.Check(problems, CriticSteps >= 1, $"critic_steps is {CriticSteps}; it must be at least 1");
        CtganOptions.Check(problems, EmbeddingDim >= 1, $"embedding_dim is {EmbeddingDim}; it must be positive");
        CtganOptions.Check(problems, !GeneratorDims.IsDefault && GeneratorDims.All(d => d >= 1), $"generator_dims must be positive widths");
        CtganOptions.Check(problems, !CriticDims.IsDefaultOrEmpty && CriticDims.All(d => d >= 1), $"critic_dims must be one or more positive widths");
        CtganOptions.Check(problems, GumbelTau > 0, $"gumbel_tau is {GumbelTau}; it must be positive");
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("wgan-gp options", problems);
        }
    }
}
