using System.Collections.Immutable;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// Hyperparameters of the <c>wgan</c> synthesizer, the original Wasserstein GAN recipe (Arjovsky et al., 2017,
/// algorithm 1): the critic's weights clipped to [-c, c], <c>n_critic</c> critic steps per generator step,
/// RMSprop with learning rate 5e-5, batch 64. Generator and critic are MLPs 256-256; the generator's outputs
/// get the data transformer's activations (tanh scalars, Gumbel-softmax groups).
/// </summary>
public sealed record WganOptions
{
    /// <summary>Passes over the training rows (default 300, at least 1); an epoch is <c>max(1, rows / (batch · critic_steps))</c> generator steps.</summary>
    public int Epochs { get; init; } = 300;

    /// <summary>Rows per critic or generator step (default 64, at least 1).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>RMSprop learning rate of both networks (default 5e-5, positive).</summary>
    public double LearningRate { get; init; } = 5e-5;

    /// <summary>The clipping bound c of the critic's weights (default 0.01, positive).</summary>
    public double ClipValue { get; init; } = 0.01;

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
        CtganOptions.Check(problems, ClipValue > 0, $"clip_value is {ClipValue}; it must be positive");
        CtganOptions.Check(problems, CriticSteps >= 1, $"critic_steps is {CriticSteps}; it must be at least 1");
        CtganOptions.Check(problems, EmbeddingDim >= 1, $"embedding_dim is {EmbeddingDim}; it must be positive");
        CtganOptions.Check(problems, !GeneratorDims.IsDefault && GeneratorDims.All(d => d >= 1), $"generator_dims must be positive widths");
        CtganOptions.Check(problems, !CriticDims.IsDefaultOrEmpty && CriticDims.All(d => d >= 1), $"critic_dims must be one or more positive widths");
        CtganOptions.Check(problems, GumbelTau > 0, $"gumbel_tau is {GumbelTau}; it must be positive");
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("wgan options", problems);
        }
    }
}
