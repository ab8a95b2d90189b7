// The family builders share one return type so the dispatch switch reads as a table.
#pragma warning disable CA1859

using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis.Specification;

/// <summary>Builds a <see cref="Marginal"/> from a <see cref="MarginalSpec"/>, collecting every invalid parameter.</summary>
internal static class MarginalFactory
{
    /// <summary>Every family name a specification may use.</summary>
    public static readonly ImmutableArray<string> Families =
    [
        "normal", "uniform", "exponential", "gamma", "beta", "lognormal", "chi2", "student_t", "weibull", "triangular",
        "bernoulli", "binomial", "poisson", "negative_binomial", "categorical", "empirical",
    ];

    private static readonly ImmutableDictionary<string, string> Expected = new Dictionary<string, string>
    {
        ["normal"] = "mean, sd",
        ["uniform"] = "low, high",
        ["exponential"] = "rate (or scale)",
        ["gamma"] = "shape, and scale or rate",
        ["beta"] = "a, b",
        ["lognormal"] = "meanlog, sdlog",
        ["chi2"] = "df",
        ["student_t"] = "df, optional location and scale",
        ["weibull"] = "shape, optional scale",
        ["triangular"] = "low, high, mode",
        ["bernoulli"] = "p",
        ["binomial"] = "n, p",
        ["poisson"] = "lambda",
        ["negative_binomial"] = "r, p",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The marginal, or null after adding each problem (prefixed with <paramref name="field"/>) to <paramref name="problems"/>.</summary>
    public static Marginal? Create(MarginalSpec spec, string field, List<string> problems)
    {
        var p = new ParameterReader(spec, field, problems);
        var before = problems.Count;
        var marginal = spec.Family switch
        {
            "normal" => Normal(spec, p),
            "uniform" => Uniform(spec, p),
            "exponential" => Exponential(spec, p),
            "gamma" => GammaFamily(spec, p),
            "beta" => BetaFamily(spec, p),
            "lognormal" => LogNormalFamily(spec, p),
            "chi2" => ChiSquaredFamily(spec, p),
            "student_t" => StudentTFamily(spec, p),
            "weibull" => WeibullFamily(spec, p),
            "triangular" => TriangularFamily(spec, p),
            "bernoulli" => BernoulliFamily(spec, p),
            "binomial" => BinomialFamily(spec, p),
            "poisson" => PoissonFamily(spec, p),
            "negative_binomial" => NegativeBinomialFamily(spec, p),
            "categorical" => CategoricalFamily(spec, field, problems),
            "empirical" => EmpiricalFamily(spec, field, problems),
            _ => Unknown(spec, field, problems),
        };
        if (Families.Contains(spec.Family))
        {
            p.ReportUnknown();
        }

        return problems.Count == before ? marginal : null;
    }

    private static Marginal? Unknown(MarginalSpec spec, string field, List<string> problems)
    {
        problems.Add($"{field}.family: unknown family '{spec.Family}'; expected one of {string.Join(", ", Families)}");
        return null;
    }

    private static Marginal? Normal(MarginalSpec spec, ParameterReader p)
    {
        var mean = p.Required("mean", _ => true, "");
        var sd = p.Required("sd", v => v > 0, "must be > 0");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new Normal(mean, sd), u => mean + (sd * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, u))) : null;
    }

    private static Marginal? Uniform(MarginalSpec spec, ParameterReader p)
    {
        var low = p.Required("low", _ => true, "");
        var high = p.Required("high", _ => true, "");
        if (p.Ok && !(high > low))
        {
            p.Problem("high", high, "must be > low");
        }

        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new ContinuousUniform(low, high), u => low + (u * (high - low))) : null;
    }

    private static Marginal? Exponential(MarginalSpec spec, ParameterReader p)
    {
        var rate = p.RateOrScale("rate", "scale");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new Exponential(rate), u => -Math.Log(1 - u) / rate) : null;
    }

    private static Marginal? GammaFamily(MarginalSpec spec, ParameterReader p)
    {
        var shape = p.Required("shape", v => v > 0, "must be > 0");
        var rate = p.RateOrScale("rate", "scale");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new Gamma(shape, rate), u => Gamma.InvCDF(shape, rate, u), 0, double.PositiveInfinity, shape / rate) : null;
    }

    private static Marginal? BetaFamily(MarginalSpec spec, ParameterReader p)
    {
        var a = p.Required("a", v => v > 0, "must be > 0");
        var b = p.Required("b", v => v > 0, "must be > 0");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new Beta(a, b), null, 0, 1, a / (a + b)) : null;
    }

    private static Marginal? LogNormalFamily(MarginalSpec spec, ParameterReader p)
    {
        var mu = p.Required("meanlog", _ => true, "");
        var sigma = p.Required("sdlog", v => v > 0, "must be > 0");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new LogNormal(mu, sigma), u => Math.Exp(mu + (sigma * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, u)))) : null;
    }

    private static Marginal? ChiSquaredFamily(MarginalSpec spec, ParameterReader p)
    {
        var df = p.Required("df", v => v > 0, "must be > 0");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new ChiSquared(df), u => Gamma.InvCDF(df / 2, 0.5, u), 0, double.PositiveInfinity, df) : null;
    }

    private static Marginal? StudentTFamily(MarginalSpec spec, ParameterReader p)
    {
        var df = p.Required("df", v => v > 0, "must be > 0");
        var location = p.Optional("location", 0, _ => true, "");
        var scale = p.Optional("scale", 1, v => v > 0, "must be > 0");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new StudentT(location, scale, df), null, guess: location) : null;
    }

    private static Marginal? WeibullFamily(MarginalSpec spec, ParameterReader p)
    {
        var shape = p.Required("shape", v => v > 0, "must be > 0");
        var scale = p.Optional("scale", 1, v => v > 0, "must be > 0");
        return p.Ok ? new ContinuousMarginal(spec.Name, spec.Family, new Weibull(shape, scale), u => scale * Math.Pow(-Math.Log(1 - u), 1 / shape)) : null;
    }

    private static Marginal? TriangularFamily(MarginalSpec spec, ParameterReader p)
    {
        var low = p.Required("low", _ => true, "");
        var high = p.Required("high", _ => true, "");
        var mode = p.Required("mode", _ => true, "");
        if (p.Ok && !(high > low))
        {
            p.Problem("high", high, "must be > low");
        }
        else if (p.Ok && (mode < low || mode > high))
        {
            p.Problem("mode", mode, "must lie in [low, high]");
        }

        if (!p.Ok)
        {
            return null;
        }

        var split = (mode - low) / (high - low);
        return new ContinuousMarginal(spec.Name, spec.Family, new Triangular(low, high, mode), u => u < split
            ? low + Math.Sqrt(u * (high - low) * (mode - low))
            : high - Math.Sqrt((1 - u) * (high - low) * (high - mode)));
    }

    private static Marginal? BernoulliFamily(MarginalSpec spec, ParameterReader p)
    {
        var prob = p.Required("p", v => v > 0 && v < 1, "must lie strictly between 0 and 1 (0 or 1 makes a constant, whose correlation is undefined)");
        return p.Ok ? new DiscreteMarginal(spec.Name, spec.Family, [0, 1], [1 - prob, prob]) : null;
    }

    private static Marginal? BinomialFamily(MarginalSpec spec, ParameterReader p)
    {
        var n = p.Required("n", v => v >= 1 && v == Math.Floor(v) && v <= 1e7, "must be a whole number >= 1");
        var prob = p.Required("p", v => v > 0 && v < 1, "must lie strictly between 0 and 1");
        return p.Ok ? Counts(spec, p, k => Binomial.PMF(prob, (int)n, k), k => Binomial.CDF(prob, (int)n, k), (int)n) : null;
    }

    private static Marginal? PoissonFamily(MarginalSpec spec, ParameterReader p)
    {
        var lambda = p.Required("lambda", v => v > 0 && v <= 1e6, "must be > 0 (and at most 1e6)");
        return p.Ok ? Counts(spec, p, k => Poisson.PMF(lambda, k), k => Poisson.CDF(lambda, k), int.MaxValue - 1) : null;
    }

    private static Marginal? NegativeBinomialFamily(MarginalSpec spec, ParameterReader p)
    {
        var r = p.Required("r", v => v > 0, "must be > 0 (the number of successes)");
        var prob = p.Required("p", v => v > 0 && v <= 1, "must lie in (0, 1] (the success probability)");
        return p.Ok ? Counts(spec, p, k => NegativeBinomial.PMF(r, prob, k), k => NegativeBinomial.CDF(r, prob, k), int.MaxValue - 1) : null;
    }

    private static Marginal? Counts(MarginalSpec spec, ParameterReader p, Func<int, double> pmf, Func<int, double> cdf, int maxCount)
    {
        var marginal = DiscreteMarginal.FromCounts(spec.Name, spec.Family, pmf, cdf, maxCount);
        if (marginal is null)
        {
            p.Problem(spec.Parameters.Keys.Last(), spec.Parameters.Values.Last(), Invariant($"gives a tail too long to tabulate (more than {DiscreteMarginal.MaxAtoms:N0} values before the cumulative probability reaches 1 - 1e-13)"));
        }

        return marginal;
    }

    private static Marginal? CategoricalFamily(MarginalSpec spec, string field, List<string> problems)
    {
        var before = problems.Count;
        if (spec.Labels.IsDefaultOrEmpty)
        {
            problems.Add($"{field}.params.labels: a categorical marginal needs a non-empty list of labels");
        }
        else if (spec.Labels.Distinct(StringComparer.Ordinal).Count() != spec.Labels.Length)
        {
            problems.Add($"{field}.params.labels: labels must be distinct");
        }

        if (spec.Probabilities.Length != spec.Labels.Length)
        {
            problems.Add($"{field}.params.probabilities: {spec.Probabilities.Length} probabilities for {spec.Labels.Length} labels; give one per label");
        }
        else if (spec.Probabilities.Any(v => !(v >= 0) || double.IsInfinity(v)))
        {
            problems.Add($"{field}.params.probabilities: every probability must be >= 0");
        }
        else if (Math.Abs(spec.Probabilities.Sum() - 1) > 1e-6)
        {
            problems.Add(Invariant($"{field}.params.probabilities: must sum to 1, they sum to {spec.Probabilities.Sum():G6}"));
        }

        if (spec.Parameters.Count > 0)
        {
            problems.Add($"{field}.params.{spec.Parameters.Keys.First()}: unknown parameter for family 'categorical'; expected labels, probabilities");
        }

        if (problems.Count != before)
        {
            return null;
        }

        var values = Enumerable.Range(0, spec.Labels.Length).Select(k => (double)k).ToArray();
        return new DiscreteMarginal(spec.Name, spec.Family, values, [.. spec.Probabilities], spec.Labels);
    }

    private static Marginal? EmpiricalFamily(MarginalSpec spec, string field, List<string> problems)
    {
        var before = problems.Count;
        if (spec.Parameters.Count > 0)
        {
            problems.Add($"{field}.params.{spec.Parameters.Keys.First()}: unknown parameter for family 'empirical'; expected values, or quantiles (with optional probabilities)");
        }

        if (spec.Values.IsDefaultOrEmpty == spec.Quantiles.IsDefaultOrEmpty)
        {
            problems.Add($"{field}.params: an empirical marginal needs exactly one of 'values' (a list of observations) or 'quantiles'");
            return null;
        }

        if (!spec.Values.IsDefaultOrEmpty)
        {
            if (spec.Values.Any(v => !double.IsFinite(v)))
            {
                problems.Add($"{field}.params.values: every value must be a finite number");
                return null;
            }

            // With probabilities, each value weighs its probability; without, each observation weighs 1/count.
            var weighted = !spec.Probabilities.IsDefaultOrEmpty;
            if (weighted && (spec.Probabilities.Length != spec.Values.Length || spec.Probabilities.Any(w => !(w >= 0) || double.IsInfinity(w)) || !(spec.Probabilities.Sum() > 0)))
            {
                problems.Add($"{field}.params.probabilities: give one non-negative weight per value ({spec.Values.Length}), not all zero");
                return null;
            }

            var groups = spec.Values.Select((v, k) => (Value: v, Weight: weighted ? spec.Probabilities[k] : 1.0))
                .Where(x => x.Weight > 0)
                .GroupBy(x => x.Value)
                .OrderBy(g => g.Key)
                .ToArray();
            if (groups.Length < 2)
            {
                problems.Add($"{field}.params.values: needs at least two distinct values (a constant has no correlation)");
                return null;
            }

            return problems.Count == before
                ? new DiscreteMarginal(spec.Name, spec.Family, [.. groups.Select(g => g.Key)], [.. groups.Select(g => g.Sum(x => x.Weight))])
                : null;
        }

        var q = spec.Quantiles;
        var levels = spec.Probabilities.IsDefaultOrEmpty
            ? [.. Enumerable.Range(0, q.Length).Select(k => (double)k / (q.Length - 1))]
            : spec.Probabilities.ToArray();
        if (q.Length < 2)
        {
            problems.Add($"{field}.params.quantiles: needs at least two quantiles (the minimum and the maximum)");
        }
        else if (Enumerable.Range(1, q.Length - 1).Any(k => !(q[k] > q[k - 1])) || q.Any(v => !double.IsFinite(v)))
        {
            problems.Add($"{field}.params.quantiles: must be finite and strictly increasing");
        }

        if (levels.Length != q.Length)
        {
            problems.Add($"{field}.params.probabilities: {levels.Length} levels for {q.Length} quantiles; give one per quantile");
        }
        else if (levels[0] != 0 || levels[^1] != 1 || Enumerable.Range(1, levels.Length - 1).Any(k => !(levels[k] > levels[k - 1])))
        {
            problems.Add($"{field}.params.probabilities: must increase strictly from 0 to 1");
        }

        return problems.Count == before ? new QuantileMarginal(spec.Name, levels, [.. q]) : null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads named numeric parameters, recording each missing, invalid or unknown one.</summary>
    private sealed class ParameterReader(MarginalSpec spec, string field, List<string> problems)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private readonly int _start = problems.Count;

        public bool Ok => problems.Count == _start;

        public double Required(string name, Func<double, bool> valid, string rule)
        {
            _used.Add(name);
            if (!spec.Parameters.TryGetValue(name, out var v))
            {
                problems.Add($"{field}.params.{name}: missing; family '{spec.Family}' needs {Needs()}");
                return double.NaN;
            }

            Check(name, v, valid, rule);
            return v;
        }

        public double Optional(string name, double fallback, Func<double, bool> valid, string rule)
        {
            _used.Add(name);
            if (!spec.Parameters.TryGetValue(name, out var v))
            {
                return fallback;
            }

            Check(name, v, valid, rule);
            return v;
        }

        /// <summary>A rate given as <paramref name="rate"/> or as its reciprocal <paramref name="scale"/>.</summary>
        public double RateOrScale(string rate, string scale)
        {
            _used.Add(rate);
            _used.Add(scale);
            var hasRate = spec.Parameters.TryGetValue(rate, out var r);
            var hasScale = spec.Parameters.TryGetValue(scale, out var s);
            if (hasRate == hasScale)
            {
                problems.Add($"{field}.params: family '{spec.Family}' needs exactly one of '{rate}' and '{scale}'");
                return double.NaN;
            }

            if (hasRate)
            {
                Check(rate, r, v => v > 0, "must be > 0");
                return r;
            }

            Check(scale, s, v => v > 0, "must be > 0");
            return 1 / s;
        }

        public void Problem(string name, double value, string rule) =>
            problems.Add(Invariant($"{field}.params.{name}: {rule}, got {value:G6}"));

        public void ReportUnknown()
        {
            foreach (var name in spec.Parameters.Keys.Where(k => !_used.Contains(k)))
            {
                problems.Add($"{field}.params.{name}: unknown parameter for family '{spec.Family}'; expected {Needs()}");
            }
        }

        private void Check(string name, double v, Func<double, bool> valid, string rule)
        {
            if (!double.IsFinite(v))
            {
                problems.Add($"{field}.params.{name}: must be a finite number");
            }
            else if (!valid(v))
            {
                Problem(name, v, rule);
            }
        }

        private string Needs() => Expected.TryGetValue(spec.Family, out var e) ? e : string.Join(", ", _used);
    }
}
