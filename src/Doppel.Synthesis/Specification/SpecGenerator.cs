using Doppel.Data;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Generates rows from a <see cref="GenerationSpec"/>: checks feasibility, aims for the nearest attainable target,
/// then runs the chosen method (see <see cref="SpecMethod"/>).
/// </summary>
internal static class SpecGenerator
{
    /// <summary>Generates <paramref name="rows"/> rows.</summary>
    /// <exception cref="InvalidOptionsException">The specification or the options are invalid.</exception>
    public static GenerationResult Generate(GenerationSpec spec, int rows, SpecGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Generate(Feasibility.Check(spec), rows, options);
    }

    /// <summary>Generates <paramref name="rows"/> rows from an already checked specification.</summary>
    public static GenerationResult Generate(FeasibilityReport report, int rows, SpecGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (rows < 2)
        {
            throw new InvalidOptionsException("generation options", ["rows: must be at least 2"]);
        }

        var spec = report.Spec;
        var d = spec.Dimension;
        var rng = new Rng(options.Seed);
        var aim = report.AttainableTarget.ToArray();
        double[][] values;
        string description;
        var method = options.Method == SpecMethod.Auto ? SpecMethod.Norta : options.Method;
        switch (options.Method)
        {
            case SpecMethod.Norta:
            {
                var z = NortaSampler.NormalScores(NortaSampler.NormalScaleMatrix(report, aim), d, rows, rng.Fork("norta"));
                values = NortaSampler.Transform(report.Marginals, z);
                description = "norta";
                break;
            }

            case SpecMethod.ImanConover:
            {
                values = StratifiedSorted(report.Marginals, rows, rng.Fork("marginals"));
                var start = NortaSampler.NormalScaleMatrix(report, aim);
                _ = ImanConover.Apply(values, start, aim, spec.Correlation, options.ImanConoverIterations, rng.Fork("iman-conover"));
                description = "iman-conover with iterative correction";
                break;
            }

            case SpecMethod.Neural:
            {
                values = Neural.NeuralSpecGenerator.Generate(report, rows, options.Neural, rng.Fork("neural"));
                description = "neural (quantile + correlation loss)";
                break;
            }

            default:
            {
                var z = NortaSampler.NormalScores(NortaSampler.NormalScaleMatrix(report, aim), d, rows, rng.Fork("norta"));
                var sorted = StratifiedSorted(report.Marginals, rows, rng.Fork("marginals"));
                values = new double[d][];
                for (var j = 0; j < d; j++)
                {
                    values[j] = ImanConover.ReorderToRanks(sorted[j], z[j]);
                }

                Refine(report, values, rng.Fork("refine"), options.RefinementSweeps);
                description = "norta with exact marginals + rank-swap refinement";
                break;
            }
        }

        var achieved = SampleCorrelation.Matrix(values, spec.Correlation);
        return new GenerationResult(BuildTable(report.Marginals, values), values, report, method, description, achieved);
    }

    /// <summary>
    /// Weight of an unattainable pair in the refinement's squared error. Such a pair can only be pushed to its bound,
    /// and pushing hard there costs the attainable pairs accuracy; 0.2 keeps both close (on the 12-variable spec it
    /// halves the attainable pairs' error against weight 1 and also lowers the error over all pairs).
    /// </summary>
    internal const double InfeasibleWeight = 0.2;

    /// <summary>The refinement's target: each pair's target clamped into its attainable range (see <see cref="InfeasibleWeight"/>).</summary>
    private static void Refine(FeasibilityReport report, double[][] values, Rng rng, int sweeps)
    {
        var d = values.Length;
        var target = new double[d * d];
        var weights = new double[d * d];
        foreach (var p in report.Pairs)
        {
            target[(p.First * d) + p.Second] = target[(p.Second * d) + p.First] = p.Clamped;
            weights[(p.First * d) + p.Second] = weights[(p.Second * d) + p.First] = p.IsAttainable ? 1 : InfeasibleWeight;
        }

        var scale = report.Spec.Correlation == CorrelationType.Pearson
            ? values.Select(c => (double[])c.Clone()).ToArray()
            : values.Select(SampleCorrelation.MidRanks).ToArray();
        if (report.Spec.Correlation == CorrelationType.Kendall)
        {
            // Kendall's tau has no O(d) swap update: refine the Spearman correlation the Gaussian copula pairs with it.
            target = SpearmanProxy(report, target);
        }

        _ = CorrelationRefiner.Refine(values, scale, target, weights, rng, sweeps);
    }

    private static double[] SpearmanProxy(FeasibilityReport report, double[] kendall)
    {
        var d = report.Spec.Dimension;
        var proxy = new double[d * d];
        foreach (var p in report.Pairs)
        {
            var rho = Math.Sin(Math.PI * kendall[(p.First * d) + p.Second] / 2);
            var s = PairCorrelation.At(report.Scales[p.First], report.Scales[p.Second], rho);
            proxy[(p.First * d) + p.Second] = proxy[(p.Second * d) + p.First] = s;
        }

        return proxy;
    }

    /// <summary>Stratified exact marginal samples: the i-th value is Q((i + V_i) / n) with V_i uniform, so each column is sorted and its KS distance to the marginal is below 1/n.</summary>
    internal static double[][] StratifiedSorted(IReadOnlyList<Marginal> marginals, int rows, Rng rng)
    {
        var d = marginals.Count;
        var result = new double[d][];
        Parallel.For(0, d, j =>
        {
            var stream = rng.Fork("column", j);
            var column = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                var u = (i + stream.NextOpenDouble()) / rows;
                column[i] = marginals[j].InverseCdf(u);
            }

            result[j] = column;
        });
        return result;
    }

    private static Table BuildTable(IReadOnlyList<Marginal> marginals, double[][] values)
    {
        var columns = new Column[marginals.Count];
        for (var j = 0; j < columns.Length; j++)
        {
            var m = marginals[j];
            if (!m.Labels.IsDefaultOrEmpty)
            {
                columns[j] = new CategoricalColumn(m.Name, [.. values[j].Select(v => (int)v)], m.Labels);
            }
            else if (m.IsDiscrete && m.AtomValues.ToArray().All(v => v == Math.Floor(v) && Math.Abs(v) < 9e15))
            {
                columns[j] = new IntegerColumn(m.Name, [.. values[j].Select(v => (long)v)]);
            }
            else
            {
                columns[j] = new NumericColumn(m.Name, (double[])values[j].Clone());
            }
        }

        return new Table(columns);
    }
}
