using System.Collections.Immutable;

namespace Doppel.Synthesis.Specification;

/// <summary>Checks a specification before generation: see <see cref="FeasibilityReport"/>.</summary>
internal static class Feasibility
{
    /// <summary>Validates <paramref name="spec"/>, computes every pair's Fréchet bounds for its correlation type and the nearest attainable target.</summary>
    /// <exception cref="InvalidOptionsException">The specification is invalid (see <see cref="SpecJson.Validate"/>).</exception>
    public static FeasibilityReport Check(GenerationSpec spec)
    {
        var marginals = SpecJson.Validate(spec);
        var n = spec.Dimension;
        var scales = new ScaledMarginal[n];
        Parallel.For(0, n, i => scales[i] = ScaledMarginal.Create(marginals[i], spec.Correlation));
        var pairs = new PairFeasibility[n * (n - 1) / 2];
        var index = new List<(int I, int J)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                index.Add((i, j));
            }
        }

        Parallel.For(0, index.Count, k =>
        {
            var (i, j) = index[k];
            var (lo, hi) = PairCorrelation.Bounds(scales[i], scales[j], spec.Correlation);
            pairs[k] = new PairFeasibility(i, j, spec.Marginals[i].Name, spec.Marginals[j].Name, spec.TargetAt(i, j), lo, hi);
        });

        var lower = new double[n * n];
        var upper = new double[n * n];
        foreach (var p in pairs)
        {
            lower[(p.First * n) + p.Second] = lower[(p.Second * n) + p.First] = p.Lower;
            upper[(p.First * n) + p.Second] = upper[(p.Second * n) + p.First] = p.Upper;
        }

        var target = spec.TargetArray();
        var minEigen = NearestCorrelation.MinEigenvalue(target, n);
        var attainable = NearestCorrelation.Project(target, n, lower, upper);
        return new FeasibilityReport(spec, marginals, [.. scales], [.. pairs], minEigen, attainable);
    }
}
