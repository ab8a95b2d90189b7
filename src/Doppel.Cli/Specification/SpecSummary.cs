using System.Collections.Immutable;
using System.Globalization;
using Doppel.Synthesis.Specification;

namespace Doppel.Cli.Specification;

/// <summary>The accuracy of a generation run: correlation errors against the target and each marginal's KS distance.</summary>
/// <param name="MaxError">Largest |achieved - target| over all pairs.</param>
/// <param name="MeanError">Mean |achieved - target| over all pairs.</param>
/// <param name="MaxErrorAttainable">Largest error over the pairs whose target is attainable.</param>
/// <param name="MeanErrorAttainable">Mean error over the pairs whose target is attainable.</param>
/// <param name="Ks">KS distance of each column to its marginal.</param>
/// <param name="Text">The summary in words.</param>
internal sealed record SpecSummary(double MaxError, double MeanError, double MaxErrorAttainable, double MeanErrorAttainable, ImmutableArray<double> Ks, string Text)
{
    /// <summary>Measures <paramref name="result"/>.</summary>
    public static SpecSummary Of(GenerationResult result)
    {
        var report = result.Feasibility;
        var d = report.Spec.Dimension;
        var attainable = report.Pairs.ToDictionary(p => (p.First, p.Second), p => p.IsAttainable);
        var (max, mean) = SpecAccuracy.Errors(result.Achieved, report.Spec.Target, d);
        var (maxOk, meanOk) = SpecAccuracy.Errors(result.Achieved, report.Spec.Target, d, (i, j) => attainable[(i, j)]);
        var ks = Enumerable.Range(0, d).Select(j => SpecAccuracy.KolmogorovSmirnov(report.Marginals[j], result.Values[j])).ToImmutableArray();
        var type = report.Spec.Correlation.ToString().ToLowerInvariant();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"achieved {type} correlation vs target: max error {max:F4}, mean {mean:F4}") +
            (report.IsFeasible ? "" : string.Create(CultureInfo.InvariantCulture, $"; over the {attainable.Count(p => p.Value)} attainable pairs: max {maxOk:F4}, mean {meanOk:F4}")) +
            string.Create(CultureInfo.InvariantCulture, $"; largest marginal KS {ks.Max():F4}");
        return new SpecSummary(max, mean, maxOk, meanOk, ks, text);
    }
}
