using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>How the noise level grows over the diffusion steps.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoiseScheduleKind>))]
public enum NoiseScheduleKind
{
    /// <summary>ᾱ(t) = cos²((t/T + 0.008) / 1.008 · π/2), betas capped at 0.999 (Nichol and Dhariwal, 2021).</summary>
    [JsonStringEnumMemberName("cosine")]
    Cosine,

    /// <summary>Betas evenly spaced from 1e-4·1000/T to 0.02·1000/T (Ho et al., 2020, scaled to T steps).</summary>
    [JsonStringEnumMemberName("linear")]
    Linear,
}

/// <summary>
/// Hyperparameters of the <c>tabddpm</c> synthesizer (Kotelnikov et al., 2023). The defaults are sized for a 2-core
/// CPU (docs/MODELS.md sets them beside the paper's Adult settings: MLP 256-1024×4-256, 100 diffusion steps,
/// 30,000 steps of batch 4,096, learning rate 0.002).
/// </summary>
public sealed record TabDdpmOptions
{
    /// <summary>Optimiser steps (each on one mini-batch drawn with replacement). Default 10,000; valid 1 to 10,000,000.</summary>
    public int Steps { get; init; } = 10_000;

    /// <summary>
    /// Passes over the training rows, as the epoch-trained models count (CLI <c>--epochs</c>): when set, the fit runs
    /// ⌈epochs · rows / <see cref="BatchSize"/>⌉ steps instead of <see cref="Steps"/>, and the model records that step count.
    /// Default none; valid 1 to 100,000.
    /// </summary>
    public int? Epochs { get; init; }

    /// <summary>Rows per mini-batch. Default 1,024; valid 1 to 65,536.</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>The AdamW learning rate, annealed linearly to 0 over <see cref="Steps"/> as in the paper. Default 0.002; valid (0, 1].</summary>
    public double LearningRate { get; init; } = 0.002;

    /// <summary>AdamW's decoupled weight decay. Default 0 (the paper's Adult setting); valid 0 to 1.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Widths of the denoiser's hidden layers (each Linear, ReLU). Default [256, 256, 256]; 1 to 16 layers of 1 to 8,192; on the command line <c>--set layers=256-256-256</c>.</summary>
    [JsonConverter(typeof(LayersJsonConverter))]
    public ImmutableArray<int> Layers { get; init; } = [256, 256, 256];

    /// <summary>Dropout after each hidden layer. Default 0; valid [0, 1).</summary>
    public double Dropout { get; init; }

    /// <summary>Width of the timestep embedding (and of the projected input it is added to). Default 128; valid 2 to 4,096, even.</summary>
    public int EmbeddingDim { get; init; } = 128;

    /// <summary>Diffusion steps T. Default 100 (as the paper on Adult); valid 2 to 10,000.</summary>
    public int DiffusionSteps { get; init; } = 100;

    /// <summary>The noise schedule. Default <see cref="NoiseScheduleKind.Cosine"/>.</summary>
    public NoiseScheduleKind Schedule { get; init; } = NoiseScheduleKind.Cosine;

    /// <summary>Decay of the exponential moving average of the weights used for sampling. Default 0.999; valid [0, 1).</summary>
    public double EmaDecay { get; init; } = 0.999;

    /// <summary>
    /// A categorical or boolean column to condition on, as the paper does with the classification target: it is not
    /// diffused but drawn from its training frequencies, and its class embedding is added to the timestep
    /// embedding. <c>--condition TARGET=label</c> is then exact. A numeric target is modelled as an ordinary column.
    /// Default none.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>The most quantile knots stored per numeric column for the quantile transform. Default 1,000 (as the paper); valid 2 to 1,000,000.</summary>
    public int Knots { get; init; } = 1000;

    /// <summary>Rows per batch of the reverse process when sampling. Default 4,096; valid 1 to 65,536.</summary>
    public int SampleBatchSize { get; init; } = 4096;

    /// <summary>Checks every field at once.</summary>
    /// <exception cref="InvalidOptionsException">A field is out of range; the message lists each.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        Check(problems, Steps is >= 1 and <= 10_000_000, $"steps must be between 1 and 10000000 (got {Steps})");
        Check(problems, Epochs is null or (>= 1 and <= 100_000), $"epochs must be between 1 and 100000 when set (got {Epochs})");
        Check(problems, BatchSize is >= 1 and <= 65_536, $"batch_size must be between 1 and 65536 (got {BatchSize})");
        Check(problems, LearningRate is > 0 and <= 1, $"learning_rate must be in (0, 1] (got {LearningRate})");
        Check(problems, WeightDecay is >= 0 and <= 1, $"weight_decay must be between 0 and 1 (got {WeightDecay})");
        Check(problems, !Layers.IsDefaultOrEmpty && Layers.Length <= 16 && Layers.All(w => w is >= 1 and <= 8192),
            $"layers must list 1 to 16 widths between 1 and 8192 (got [{(Layers.IsDefault ? "" : string.Join(", ", Layers))}])");
        Check(problems, Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})");
        Check(problems, EmbeddingDim is >= 2 and <= 4096 && EmbeddingDim % 2 == 0, $"embedding_dim must be even and between 2 and 4096 (got {EmbeddingDim})");
        Check(problems, DiffusionSteps is >= 2 and <= 10_000, $"diffusion_steps must be between 2 and 10000 (got {DiffusionSteps})");
        Check(problems, Enum.IsDefined(Schedule), $"schedule must be cosine or linear (got {Schedule})");
        Check(problems, EmaDecay is >= 0 and < 1, $"ema_decay must be in [0, 1) (got {EmaDecay})");
        Check(problems, Target is null || Target.Length > 0, "target must name a column");
        Check(problems, Knots is >= 2 and <= 1_000_000, $"knots must be between 2 and 1000000 (got {Knots})");
        Check(problems, SampleBatchSize is >= 1 and <= 65_536, $"sample_batch_size must be between 1 and 65536 (got {SampleBatchSize})");
        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("tabddpm options", problems);
        }
    }

    /// <summary>These options with <see cref="Epochs"/>, if set, turned into <see cref="Steps"/> for <paramref name="rows"/> training rows.</summary>
    internal TabDdpmOptions ForRows(int rows) => Epochs is not { } epochs ? this
        : this with { Steps = (int)Math.Clamp(((long)epochs * rows + BatchSize - 1) / BatchSize, 1, 10_000_000), Epochs = null };

    private static void Check(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TabDdpmOptions))]
[JsonSerializable(typeof(DiffusionLayout))]
[JsonSerializable(typeof(TrainingStateJson))]
internal sealed partial class TabDdpmJsonContext : JsonSerializerContext;
