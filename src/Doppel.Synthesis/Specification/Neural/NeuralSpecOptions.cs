namespace Doppel.Synthesis.Specification.Neural;

/// <summary>Settings of the <see cref="SpecMethod.Neural"/> method (see <see cref="NeuralSpecGenerator"/>).</summary>
public sealed record NeuralSpecOptions
{
    /// <summary>Training steps (one batch each); default 6000 (about 10 s for 12 variables on one core), valid 1..1,000,000.</summary>
    public int Steps { get; init; } = 6000;

    /// <summary>Wall-clock limit of training in seconds, 0 for none (then the result depends on the machine's speed); default 0.</summary>
    public double MaxSeconds { get; init; }

    /// <summary>Rows per training batch (also the number of quantile levels matched); default 256, valid 16..8192.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Width of the hidden layers; default 128, valid 1..4096.</summary>
    public int HiddenWidth { get; init; } = 128;

    /// <summary>Number of hidden layers; default 3, valid 1..16.</summary>
    public int HiddenLayers { get; init; } = 3;

    /// <summary>Adam's initial learning rate (cosine-annealed to a tenth of it); default 2e-3.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>λ, the weight of the squared Frobenius correlation distance against the quantile loss; default 1.</summary>
    public double CorrelationWeight { get; init; } = 1;

    /// <summary>Throws <see cref="InvalidOptionsException"/> listing every invalid field.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Steps is < 1 or > 1_000_000)
        {
            problems.Add("Steps: must lie in 1..1000000");
        }

        if (!(MaxSeconds >= 0) || double.IsInfinity(MaxSeconds))
        {
            problems.Add("MaxSeconds: must be a finite number >= 0");
        }

        if (BatchSize is < 16 or > 8192)
        {
            problems.Add("BatchSize: must lie in 16..8192");
        }

        if (HiddenWidth is < 1 or > 4096)
        {
            problems.Add("HiddenWidth: must lie in 1..4096");
        }

        if (HiddenLayers is < 1 or > 16)
        {
            problems.Add("HiddenLayers: must lie in 1..16");
        }

        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
        {
            problems.Add("LearningRate: must be a finite number > 0");
        }

        if (!(CorrelationWeight >= 0) || double.IsInfinity(CorrelationWeight))
        {
            problems.Add("CorrelationWeight: must be a finite number >= 0");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("neural generation options", problems);
        }
    }
}
