namespace Doppel.Synthesis.Neural.Transform;

/// <summary>
/// Settings of the <see cref="DataTransformer"/>: the mode-specific normalisation of numeric columns (a variational
/// Bayesian Gaussian mixture per column). Defaults are those of the reference (CTGAN/TVAE with scikit-learn's
/// <c>BayesianGaussianMixture</c>).
/// </summary>
internal sealed record DataTransformerOptions
{
    /// <summary>The most mixture components (modes) per numeric column. Default 10; valid 1 to 100.</summary>
    public int MaxModes { get; init; } = 10;

    /// <summary>Modes whose fitted weight is at most this are dropped. Default 0.005 (0.5%); valid 0 to 0.5.</summary>
    public double WeightThreshold { get; init; } = 0.005;

    /// <summary>The weight concentration prior γ: small values favour few active modes. Default 0.001; valid above 0.</summary>
    public double WeightConcentrationPrior { get; init; } = 0.001;

    /// <summary>The prior on the weights. Default <see cref="Transform.WeightPrior.DirichletProcess"/>.</summary>
    public WeightPrior WeightPrior { get; init; } = WeightPrior.DirichletProcess;

    /// <summary>The most variational EM iterations per column. Default 100; valid 1 to 10,000.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// EM stops when the summed log-likelihood of the rows changes by less than this between iterations.
    /// Default 0.001; valid 0 or above.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>
    /// Columns with more non-missing rows than this are fitted on a uniform subsample of this many rows (every row is
    /// still encoded). Default 100,000 (Adult is fitted whole); valid 100 or above.
    /// </summary>
    public int MaxFitRows { get; init; } = 100_000;

    /// <summary>
    /// A numeric value becomes (x - μ) / (<see cref="StdMultiplier"/> σ) of its mode. Default 4; valid above 0.
    /// </summary>
    public double StdMultiplier { get; init; } = 4;

    /// <summary>
    /// The scalar is clipped to ±this. Default 0.99, as the reference: tanh can never reach ±1, so a target of
    /// exactly ±1 would pull a generator's pre-activation to infinity. Valid 0.5 to 1.
    /// </summary>
    public double ScalarLimit { get; init; } = 0.99;

    /// <summary>Checks every field at once.</summary>
    /// <exception cref="InvalidOptionsException">A field is out of range; the message lists each.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxModes is < 1 or > 100)
        {
            problems.Add($"max_modes must be between 1 and 100 (got {MaxModes})");
        }

        if (!(WeightThreshold is >= 0 and <= 0.5))
        {
            problems.Add($"weight_threshold must be between 0 and 0.5 (got {WeightThreshold})");
        }

        if (!(WeightConcentrationPrior > 0) || double.IsInfinity(WeightConcentrationPrior))
        {
            problems.Add($"weight_concentration_prior must be positive (got {WeightConcentrationPrior})");
        }

        if (!Enum.IsDefined(WeightPrior))
        {
            problems.Add($"weight_prior must be dirichlet_process or dirichlet_distribution (got {WeightPrior})");
        }

        if (MaxIterations is < 1 or > 10_000)
        {
            problems.Add($"max_iterations must be between 1 and 10000 (got {MaxIterations})");
        }

        if (!(Tolerance >= 0))
        {
            problems.Add($"tolerance must be 0 or above (got {Tolerance})");
        }

        if (MaxFitRows < 100)
        {
            problems.Add($"max_fit_rows must be at least 100 (got {MaxFitRows})");
        }

        if (!(StdMultiplier > 0) || double.IsInfinity(StdMultiplier))
        {
            problems.Add($"std_multiplier must be positive (got {StdMultiplier})");
        }

        if (!(ScalarLimit is >= 0.5 and <= 1))
        {
            problems.Add($"scalar_limit must be between 0.5 and 1 (got {ScalarLimit})");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("data transformer options", problems);
        }
    }
}
