namespace Doppel.Synthesis.Specification;

/// <summary>Settings for <see cref="SpecGenerator"/>.</summary>
public sealed record SpecGenerationOptions
{
    /// <summary>The method; default <see cref="SpecMethod.Auto"/>.</summary>
    public SpecMethod Method { get; init; } = SpecMethod.Auto;

    /// <summary>The root seed of every random stream; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Correction rounds of Iman-Conover (each re-targets the score correlation by the achieved error); default 12, valid 0..1000.</summary>
    public int ImanConoverIterations { get; init; } = 12;

    /// <summary>Pairwise-swap proposals of the refinement, per row and column; default 40, valid 0..10000.</summary>
    public int RefinementSweeps { get; init; } = 40;

    /// <summary>Settings of <see cref="SpecMethod.Neural"/>.</summary>
    public Neural.NeuralSpecOptions Neural { get; init; } = new();

    /// <summary>Throws <see cref="InvalidOptionsException"/> listing every invalid field.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (ImanConoverIterations is < 0 or > 1000)
        {
            problems.Add("ImanConoverIterations: must lie in 0..1000");
        }

        if (RefinementSweeps is < 0 or > 10000)
        {
            problems.Add("RefinementSweeps: must lie in 0..10000");
        }

        if (Neural is null)
        {
            problems.Add("Neural: must be set");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("generation options", problems);
        }
    }
}
