using System.Collections.Immutable;
using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis.Specification;

/// <summary>
/// Describes a table by a specification: a family per column fitted by maximum likelihood (method of moments where
/// the likelihood has no closed form: beta, negative binomial), the family chosen by the smallest KS distance (a family with more parameters must win by more than 0.5/√n), kept
/// only if that distance is small, else an <c>empirical</c> marginal (weighted distinct values, or quantiles);
/// categorical and boolean columns become <c>categorical</c>. The correlation matrix is measured over pairwise
/// complete rows, categorical columns entering by their codes. The result feeds <see cref="SpecGenerator"/>, so a
/// table's statistics can be released without its rows.
/// </summary>
internal static class SpecInference
{
    private const int KsSampleSize = 20_000;

    /// <summary>Infers a specification from <paramref name="table"/>.</summary>
    public static InferredSpec Infer(Table table, SpecInferenceOptions? options = null, string name = "")
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new SpecInferenceOptions();
        options.Validate();
        var marginals = new List<MarginalSpec>();
        var columns = new List<double[]>();
        var notes = ImmutableArray.CreateBuilder<string>();
        foreach (var column in table.Columns)
        {
            var (spec, values, note) = DescribeColumn(column, options);
            notes.Add($"{column.Name}: {note}");
            if (spec is not null)
            {
                marginals.Add(spec);
                columns.Add(values);
            }
        }

        var target = Correlations(columns, options.Correlation);
        var result = new GenerationSpec(name, [.. marginals], [.. target], options.Correlation);
        _ = SpecJson.Validate(result);
        return new InferredSpec(result, notes.ToImmutable());
    }

    private static (MarginalSpec? Spec, double[] Values, string Note) DescribeColumn(Column column, SpecInferenceOptions options)
    {
        switch (column)
        {
            case CategoricalColumn c:
            {
                var counts = c.Counts();
                var total = (double)counts.Sum();
                var values = c.Codes.Select(code => code < 0 ? double.NaN : code).ToArray();
                if (counts.Count(k => k > 0) < 2)
                {
                    return (null, [], "left out (fewer than two observed categories)");
                }

                var spec = Categorical(c.Name, c.Categories, [.. counts.Select(k => k / total)]);
                return (spec, values, $"categorical ({c.Categories.Length} labels)");
            }

            case BooleanColumn b:
            {
                var values = Enumerable.Range(0, b.Length).Select(i => b.IsMissing(i) ? double.NaN : b.Values[i] ? 1.0 : 0.0).ToArray();
                var p = values.Where(double.IsFinite).Average();
                if (p is 0 or 1)
                {
                    return (null, [], "left out (constant)");
                }

                return (Categorical(b.Name, [b.FalseText, b.TrueText], [1 - p, p]), values, "categorical (boolean)");
            }

            case NumericColumn n:
                return Numeric(n.Name, NumericValues.ToArray(n), false, options);
            case IntegerColumn n:
                return Numeric(n.Name, NumericValues.ToArray(n), true, options);
            default:
                return (null, [], $"left out ({column.Kind} columns have no marginal family)");
        }
    }

    private static MarginalSpec Categorical(string name, ImmutableArray<string> labels, double[] probabilities) =>
        new(name, "categorical", ImmutableSortedDictionary<string, double>.Empty) { Labels = labels, Probabilities = [.. probabilities] };

    private static (MarginalSpec? Spec, double[] Values, string Note) Numeric(string name, double[] values, bool integer, SpecInferenceOptions options)
    {
        var x = values.Where(double.IsFinite).ToArray();
        Array.Sort(x);
        if (x.Length < 2 || x[0] == x[^1])
        {
            return (null, [], "left out (constant or empty)");
        }

        var sample = Thin(x);
        var candidates = integer ? IntegerCandidates(name, x) : ContinuousCandidates(name, x);
        var allowed = Math.Max(options.MaxKs, 1.63 / Math.Sqrt(x.Length));
        MarginalSpec? best = null;
        var bestKs = double.PositiveInfinity;
        foreach (var candidate in candidates)
        {
            var problems = new List<string>();
            var marginal = MarginalFactory.Create(candidate, name, problems);
            if (marginal is null)
            {
                continue;
            }

            // A family with more parameters must beat a simpler one by more than the KS noise (0.5/√n) to be chosen.
            var ks = SpecAccuracy.KolmogorovSmirnov(marginal, sample);
            var penalty = best is not null && candidate.Parameters.Count > best.Parameters.Count ? 0.5 / Math.Sqrt(x.Length) : 0;
            if (ks < bestKs - penalty)
            {
                (best, bestKs) = (candidate, ks);
            }
        }

        var c = CultureInfo.InvariantCulture;
        if (best is not null && bestKs <= allowed)
        {
            return (best, values, string.Create(c, $"{best.Family} (KS {bestKs:F4}, at most {allowed:F4} allowed)"));
        }

        var why = best is null ? "no family fits" : string.Create(c, $"best family {best.Family} has KS {bestKs:F4} > {allowed:F4}");
        var distinct = x.Distinct().Count();
        if (distinct <= options.MaxDistinctValues)
        {
            var groups = x.GroupBy(v => v).ToArray();
            var spec = new MarginalSpec(name, "empirical", ImmutableSortedDictionary<string, double>.Empty)
            {
                Values = [.. groups.Select(g => g.Key)],
                Probabilities = [.. groups.Select(g => (double)g.Count() / x.Length)],
            };
            return (spec, values, $"empirical, {distinct} weighted values ({why})");
        }

        return (Quantiles(name, x, options.Quantiles), values, $"empirical, {options.Quantiles} quantiles ({why})");
    }

    /// <summary>Quantiles at equally spaced levels; levels whose quantile repeats the previous one are dropped (a tie spreads over its neighbours).</summary>
    private static MarginalSpec Quantiles(string name, double[] sorted, int count)
    {
        var levels = new List<double>();
        var quantiles = new List<double>();
        for (var k = 0; k < count; k++)
        {
            var level = (double)k / (count - 1);
            var q = sorted[(int)Math.Round(level * (sorted.Length - 1))];
            if (quantiles.Count > 0 && q <= quantiles[^1])
            {
                if (k == count - 1)
                {
                    levels[^1] = 1;
                }

                continue;
            }

            levels.Add(level);
            quantiles.Add(q);
        }

        levels[0] = 0;
        levels[^1] = 1;
        return new MarginalSpec(name, "empirical", ImmutableSortedDictionary<string, double>.Empty) { Quantiles = [.. quantiles], Probabilities = [.. levels] };
    }

    private static IEnumerable<MarginalSpec> ContinuousCandidates(string name, double[] x)
    {
        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        yield return Family(name, "normal", ("mean", mean), ("sd", sd));
        yield return Family(name, "uniform", ("low", x[0]), ("high", x[^1]));
        if (x[0] > 0)
        {
            var logs = x.Select(v => Math.Log(v)).ToArray();
            var meanLog = logs.Average();
            var sdLog = Math.Sqrt(logs.Sum(v => (v - meanLog) * (v - meanLog)) / logs.Length);
            yield return Family(name, "lognormal", ("meanlog", meanLog), ("sdlog", sdLog));
            yield return Family(name, "exponential", ("rate", 1 / mean));
            var shape = GammaShape(Math.Log(mean) - meanLog);
            yield return Family(name, "gamma", ("shape", shape), ("scale", mean / shape));
            var (k, lambda) = WeibullFit(x);
            yield return Family(name, "weibull", ("shape", k), ("scale", lambda));
            if (x[^1] < 1)
            {
                var common = (mean * (1 - mean) / (sd * sd)) - 1;
                yield return Family(name, "beta", ("a", mean * common), ("b", (1 - mean) * common));
            }
        }
    }

    private static IEnumerable<MarginalSpec> IntegerCandidates(string name, double[] x)
    {
        var mean = x.Average();
        var variance = x.Sum(v => (v - mean) * (v - mean)) / x.Length;
        if (x[0] == 0 && x[^1] == 1)
        {
            yield return Family(name, "bernoulli", ("p", mean));
        }

        if (x[0] >= 0)
        {
            yield return Family(name, "poisson", ("lambda", mean));
            if (x[^1] >= 1 && x[^1] <= 1e6)
            {
                yield return Family(name, "binomial", ("n", x[^1]), ("p", mean / x[^1]));
            }

            if (variance > mean)
            {
                yield return Family(name, "negative_binomial", ("r", mean * mean / (variance - mean)), ("p", mean / variance));
            }
        }
    }

    private static MarginalSpec Family(string name, string family, params (string Key, double Value)[] parameters) =>
        new(name, family, parameters.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>Gamma shape MLE from s = ln(mean) - mean(ln x): Minka's starting value, then Newton on ln k - ψ(k) = s.</summary>
    private static double GammaShape(double s)
    {
        if (!(s > 0))
        {
            return 1e6;
        }

        var k = (3 - s + Math.Sqrt(((s - 3) * (s - 3)) + (24 * s))) / (12 * s);
        for (var i = 0; i < 20; i++)
        {
            var f = Math.Log(k) - MathNet.Numerics.SpecialFunctions.DiGamma(k) - s;
            var trigamma = (MathNet.Numerics.SpecialFunctions.DiGamma(k * (1 + 1e-6)) - MathNet.Numerics.SpecialFunctions.DiGamma(k)) / (k * 1e-6);
            var df = (1 / k) - trigamma;
            var next = k - (f / df);
            k = next > 0 ? next : k / 2;
        }

        return k;
    }

    /// <summary>Weibull MLE: Newton on the shape's profile equation, then the scale in closed form.</summary>
    private static (double Shape, double Scale) WeibullFit(double[] x)
    {
        var logs = x.Select(v => Math.Log(v)).ToArray();
        var meanLog = logs.Average();
        var k = 1.0;
        for (var i = 0; i < 50; i++)
        {
            double s0 = 0, s1 = 0, s2 = 0;
            for (var j = 0; j < x.Length; j++)
            {
                var p = Math.Pow(x[j], k);
                s0 += p;
                s1 += p * logs[j];
                s2 += p * logs[j] * logs[j];
            }

            var f = (s1 / s0) - (1 / k) - meanLog;
            var df = ((s2 / s0) - ((s1 / s0) * (s1 / s0))) + (1 / (k * k));
            var next = k - (f / df);
            k = next > 0 ? next : k / 2;
            if (Math.Abs(f) < 1e-10)
            {
                break;
            }
        }

        var scale = Math.Pow(x.Sum(v => Math.Pow(v, k)) / x.Length, 1 / k);
        return (k, scale);
    }

    /// <summary>At most <see cref="KsSampleSize"/> evenly spaced order statistics of a sorted sample (KS changes by at most 1/size).</summary>
    private static double[] Thin(double[] sorted)
    {
        if (sorted.Length <= KsSampleSize)
        {
            return sorted;
        }

        var result = new double[KsSampleSize];
        for (var i = 0; i < KsSampleSize; i++)
        {
            result[i] = sorted[(int)((i + 0.5) * sorted.Length / KsSampleSize)];
        }

        return result;
    }

    private static double[] Correlations(List<double[]> columns, CorrelationType type)
    {
        var d = columns.Count;
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            result[(i * d) + i] = 1;
            for (var j = i + 1; j < d; j++)
            {
                var rows = Enumerable.Range(0, columns[i].Length).Where(r => double.IsFinite(columns[i][r]) && double.IsFinite(columns[j][r])).ToArray();
                var r = 0.0;
                if (rows.Length >= 3)
                {
                    var m = SampleCorrelation.Matrix([[.. rows.Select(k => columns[i][k])], [.. rows.Select(k => columns[j][k])]], type);
                    r = double.IsFinite(m[1]) ? Math.Clamp(m[1], -1, 1) : 0;
                }

                result[(i * d) + j] = result[(j * d) + i] = r;
            }
        }

        return result;
    }
}
