using System.Numerics.Tensors;
using Doppel.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis.Mixtures;

/// <summary>Settings of one EM run.</summary>
/// <param name="MaxIterations">The most EM iterations.</param>
/// <param name="Tolerance">Stop when the mean log-likelihood per row changes by less than this.</param>
/// <param name="CovarianceFloor">Added to every variance (standardised units) so no component collapses.</param>
/// <param name="CategorySmoothing">Pseudo-count added to every level of every component's categorical distribution.</param>
/// <param name="ShortIterations">Iterations each restart runs before only the best one is continued.</param>
internal sealed record EmSettings(int MaxIterations, double Tolerance, double CovarianceFloor, double CategorySmoothing, int ShortIterations = 10);

/// <summary>The outcome of one EM run.</summary>
internal sealed record EmResult(MixtureParameters Parameters, double LogLikelihood, int Iterations, bool Converged);

/// <summary>
/// Expectation-maximisation for a mixture of Gaussians (numeric slots) times categoricals (discrete slots),
/// with k-means++ initialisation, log-sum-exp responsibilities and exact marginalisation over missing numeric
/// values: the E-step uses the observed coordinates' marginal, the M-step the conditional expectation and
/// covariance of the missing ones.
/// </summary>
internal sealed class MixtureEm
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    private readonly MixtureData _data;
    private readonly int _k;
    private readonly CovarianceType _type;
    private readonly EmSettings _settings;
    private readonly int _padded;
    private readonly double[][] _resp;
    private readonly double[] _max;
    private readonly double[] _sum;
    private readonly double[] _patternBuffer;
    private MixtureParameters _parameters = null!;
    private double _logLikelihood = double.NegativeInfinity;
    private int _iterations;
    private bool _converged;

    private MixtureEm(MixtureData data, int k, CovarianceType type, EmSettings settings)
    {
        _data = data;
        _k = k;
        _type = type;
        _settings = settings;
        _padded = MixtureKernels.Pad(data.Rows);
        _resp = new double[k][];
        for (var c = 0; c < k; c++)
        {
            _resp[c] = new double[_padded];
        }

        _max = new double[_padded];
        _sum = new double[_padded];
        _patternBuffer = new double[_padded];
    }

    /// <summary>
    /// Fits a <paramref name="k"/>-component mixture. With several restarts, each starts from its own k-means++
    /// seeding and runs <see cref="EmSettings.ShortIterations"/> iterations ("short EM", Biernacki, Celeux and
    /// Govaert 2003); only the best of them is then run to convergence.
    /// </summary>
    public static EmResult Fit(MixtureData data, int k, CovarianceType type, EmSettings settings, int restarts, Rng rng, CancellationToken cancellationToken)
    {
        MixtureEm? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var em = new MixtureEm(data, k, type, settings);
            em.InitialiseResponsibilities(rng.Fork("start", r));
            em._parameters = em.MStep(Identity(data, k, type));
            em.Run(restarts > 1 ? Math.Min(settings.ShortIterations, settings.MaxIterations) : settings.MaxIterations, cancellationToken);
            if (best is null || em._logLikelihood > best._logLikelihood)
            {
                best = em;
            }
        }

        if (!best!._converged && best._iterations < settings.MaxIterations)
        {
            best.Run(settings.MaxIterations, cancellationToken);
        }

        best.SetMissingRates(best._parameters);
        return new EmResult(best._parameters, best._logLikelihood, best._iterations, best._converged);
    }

    /// <summary>An EM run starting from <paramref name="start"/> (not yet iterated).</summary>
    public static MixtureEm StartFrom(MixtureData data, MixtureParameters start, EmSettings settings) =>
        new(data, start.K, start.Type, settings) { _parameters = start };

    /// <summary>The log-likelihood of the current parameters (after <see cref="Run"/>).</summary>
    public double LogLikelihood => _logLikelihood;

    /// <summary>Whether the tolerance was met.</summary>
    public bool Converged => _converged;

    /// <summary>Sets the missing rates from the current responsibilities and returns the result.</summary>
    public EmResult Finish()
    {
        SetMissingRates(_parameters);
        return new EmResult(_parameters, _logLikelihood, _iterations, _converged);
    }

    /// <summary>Continues EM until convergence or <paramref name="maxIterations"/> iterations in all.</summary>
    public void Run(int maxIterations, CancellationToken cancellationToken)
    {
        if (_iterations == 0 && double.IsNegativeInfinity(_logLikelihood))
        {
            _logLikelihood = CheckedEStep();
        }

        while (_iterations < maxIterations && !_converged)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var previous = _logLikelihood;
            _parameters = MStep(_parameters);
            _iterations++;
            _logLikelihood = CheckedEStep();
            _converged = Math.Abs(_logLikelihood - previous) / Math.Max(1, _data.Rows) < _settings.Tolerance;
        }
    }

    private double CheckedEStep()
    {
        var ll = EStep(_parameters);
        return double.IsFinite(ll)
            ? ll
            : throw new InvalidOperationException($"the log-likelihood became {ll} at EM iteration {_iterations} with {_k} components");
    }

    /// <summary>The log-density of each row under <paramref name="p"/>, without changing anything.</summary>
    public static double[] LogDensity(MixtureData data, MixtureParameters p)
    {
        var em = new MixtureEm(data, p.K, p.Type, new EmSettings(0, 0, 0, 0));
        em.EStep(p);
        var result = new double[data.Rows];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = em._max[i] + Math.Log(em._sum[i]);
        }

        return result;
    }

    private static MixtureParameters Identity(MixtureData data, int k, CovarianceType type)
    {
        var p = new MixtureParameters(k, data.NumericCount, data.Levels, type);
        var d = data.NumericCount;
        for (var c = 0; c < k; c++)
        {
            p.Weights[c] = 1.0 / k;
            for (var a = 0; a < d; a++)
            {
                p.Covariances[(c * d * d) + (a * d) + a] = 1;
            }
        }

        return p;
    }

    /// <summary>
    /// Greedy k-means++ seeding (D² sampling with 2 + ln k candidates per step, keeping the one that lowers the
    /// potential most, as in Arthur and Vassilvitskii 2007), then every row assigned wholly to its nearest seed.
    /// </summary>
    private void InitialiseResponsibilities(Rng rng)
    {
        var n = _data.Rows;
        var trials = 2 + (int)Math.Log(_k);
        var best = new double[n];
        var nearest = new int[n];
        var candidate = new double[n];
        var bestCandidate = new double[n];
        Array.Fill(best, double.PositiveInfinity);
        Assign(rng.Next(n), 0, best, nearest);
        for (var c = 1; c < _k; c++)
        {
            var total = best.Sum();
            var chosen = -1;
            var chosenPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var pick = total > 0 ? DrawProportional(best, total, rng.NextDouble()) : rng.Next(n);
                double potential = 0;
                for (var i = 0; i < n; i++)
                {
                    candidate[i] = Math.Min(best[i], Distance(i, pick));
                    potential += candidate[i];
                }

                if (potential < chosenPotential)
                {
                    chosenPotential = potential;
                    chosen = pick;
                    (candidate, bestCandidate) = (bestCandidate, candidate);
                }
            }

            Assign(chosen, c, best, nearest);
        }

        for (var i = 0; i < n; i++)
        {
            _resp[nearest[i]][i] = 1;
        }
    }

    private void Assign(int seed, int component, double[] best, int[] nearest)
    {
        for (var i = 0; i < best.Length; i++)
        {
            var dist = Distance(i, seed);
            if (dist < best[i])
            {
                best[i] = dist;
                nearest[i] = component;
            }
        }
    }

    private static int DrawProportional(double[] weights, double total, double u)
    {
        var target = u * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private double Distance(int i, int j)
    {
        double s = 0;
        foreach (var column in _data.Numeric)
        {
            var diff = column[i] - column[j];
            if (!double.IsNaN(diff))
            {
                s += diff * diff;
            }
        }

        foreach (var codes in _data.Discrete)
        {
            s += codes[i] == codes[j] ? 0 : 1;
        }

        return s;
    }

    /// <summary>Fills the responsibilities from <paramref name="p"/> and returns the log-likelihood.</summary>
    private double EStep(MixtureParameters p)
    {
        var n = _data.Rows;
        var d = p.D;
        foreach (var pattern in _data.Patterns)
        {
            var o = pattern.Observed.Length;
            var mean = new double[o];
            for (var c = 0; c < _k; c++)
            {
                var logWeight = Math.Log(Math.Max(p.Weights[c], 1e-300));
                var target = pattern.Rows is null ? _resp[c] : _patternBuffer;
                if (o == 0)
                {
                    Array.Fill(target, logWeight);
                }
                else
                {
                    var sigma = Matrix<double>.Build.Dense(o, o, (a, b) => p.Covariances[(c * d * d) + (pattern.Observed[a] * d) + pattern.Observed[b]]);
                    var lower = Linear.Cholesky(sigma);
                    double logDet = 0;
                    for (var a = 0; a < o; a++)
                    {
                        logDet += 2 * Math.Log(lower[a, a]);
                        mean[a] = p.Means[(c * d) + pattern.Observed[a]];
                    }

                    var constant = logWeight - (0.5 * ((o * Log2Pi) + logDet));
                    MixtureKernels.GaussianLogDensity(pattern.Values, pattern.PaddedCount, mean, lower.ToRowMajorArray(), constant, target);
                }

                if (pattern.Rows is { } rows)
                {
                    var r = _resp[c];
                    for (var t = 0; t < rows.Length; t++)
                    {
                        r[rows[t]] = _patternBuffer[t];
                    }
                }
            }
        }

        AddCategorical(p);

        // Log-sum-exp over components, row by row (vectorised across rows, in a fixed order from row 0).
        var ll = MixtureKernels.NormaliseLogResponsibilities(_resp, n, _padded, _max, _sum);
        for (var c = 0; c < _k; c++)
        {
            _resp[c].AsSpan(n).Clear();
        }

        return ll;
    }

    private void AddCategorical(MixtureParameters p)
    {
        if (_data.DiscreteCount == 0)
        {
            return;
        }

        var n = _data.Rows;
        var logTable = new double[p.TotalLevels];
        for (var c = 0; c < _k; c++)
        {
            for (var l = 0; l < logTable.Length; l++)
            {
                logTable[l] = Math.Log(p.CategoryProbabilities[(c * p.TotalLevels) + l]);
            }

            var r = _resp[c];
            for (var j = 0; j < _data.DiscreteCount; j++)
            {
                var codes = _data.Discrete[j];
                var offset = p.LevelOffsets[j];
                for (var i = 0; i < n; i++)
                {
                    r[i] += logTable[offset + codes[i]];
                }
            }
        }
    }

    /// <summary>New parameters from the current responsibilities; <paramref name="current"/> supplies the conditional expectations of missing values.</summary>
    private MixtureParameters MStep(MixtureParameters current)
    {
        var n = _data.Rows;
        var d = _data.NumericCount;
        var next = new MixtureParameters(_k, d, _data.Levels, _type);
        var counts = new double[_k];
        for (var c = 0; c < _k; c++)
        {
            counts[c] = MixtureKernels.Sum(_resp[c].AsSpan(0, n));
            next.Weights[c] = Math.Max(counts[c], 1e-300);
        }

        var total = next.Weights.Sum();
        for (var c = 0; c < _k; c++)
        {
            next.Weights[c] /= total;
        }

        if (d > 0)
        {
            for (var c = 0; c < _k; c++)
            {
                NumericMoments(current, next, c, counts[c]);
            }

            ApplyCovarianceType(next, counts);
        }

        CategoricalUpdate(next, counts);
        return next;
    }

    private void NumericMoments(MixtureParameters current, MixtureParameters next, int c, double count)
    {
        var d = _data.NumericCount;
        var s1 = new double[d];
        var s2 = new double[d * d];
        foreach (var pattern in _data.Patterns)
        {
            var r = _resp[c];
            if (pattern.Rows is { } rows)
            {
                r = new double[pattern.PaddedCount];
                for (var t = 0; t < rows.Length; t++)
                {
                    r[t] = _resp[c][rows[t]];
                }
            }

            var columns = new double[d][];
            for (var a = 0; a < pattern.Observed.Length; a++)
            {
                columns[pattern.Observed[a]] = pattern.Values[a];
            }

            if (pattern.Missing.Length > 0)
            {
                var conditional = Impute(current, c, pattern, columns);
                var weight = MixtureKernels.Sum(r.AsSpan(0, pattern.Count));
                for (var a = 0; a < pattern.Missing.Length; a++)
                {
                    for (var b = 0; b < pattern.Missing.Length; b++)
                    {
                        s2[(pattern.Missing[a] * d) + pattern.Missing[b]] += weight * conditional[a, b];
                    }
                }
            }

            MixtureKernels.WeightedMoments(r, columns, pattern.PaddedCount, s1, s2);
        }

        if (count < 1e-8)
        {
            // An empty component: park it at the centre with unit covariance; its weight keeps it from mattering.
            for (var a = 0; a < d; a++)
            {
                next.Covariances[(c * d * d) + (a * d) + a] = 1;
            }

            return;
        }

        for (var a = 0; a < d; a++)
        {
            next.Means[(c * d) + a] = s1[a] / count;
        }

        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                next.Covariances[(c * d * d) + (a * d) + b] = (s2[(a * d) + b] / count) - (next.Means[(c * d) + a] * next.Means[(c * d) + b]);
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="columns"/> at the pattern's missing slots with E[x_m | x_o] under component
    /// <paramref name="c"/> and returns the conditional covariance Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om.
    /// </summary>
    private static Matrix<double> Impute(MixtureParameters p, int c, MissingPattern pattern, double[][] columns)
    {
        var d = p.D;
        var obs = pattern.Observed;
        var mis = pattern.Missing;
        double Cov(int a, int b) => p.Covariances[(c * d * d) + (a * d) + b];
        var smm = Matrix<double>.Build.Dense(mis.Length, mis.Length, (a, b) => Cov(mis[a], mis[b]));
        for (var a = 0; a < mis.Length; a++)
        {
            columns[mis[a]] = new double[pattern.PaddedCount];
            Array.Fill(columns[mis[a]], p.Means[(c * d) + mis[a]]);
        }

        if (obs.Length == 0)
        {
            return smm;
        }

        var soo = Matrix<double>.Build.Dense(obs.Length, obs.Length, (a, b) => Cov(obs[a], obs[b]));
        var som = Matrix<double>.Build.Dense(obs.Length, mis.Length, (a, b) => Cov(obs[a], mis[b]));
        var lower = Linear.Cholesky(soo);
        var solved = lower.Transpose().Solve(lower.Solve(som)); // Σ_oo⁻¹ Σ_om, (o × m)
        var centred = new double[pattern.PaddedCount];
        for (var b = 0; b < obs.Length; b++)
        {
            TensorPrimitives.Subtract(pattern.Values[b], p.Means[(c * d) + obs[b]], centred);
            for (var a = 0; a < mis.Length; a++)
            {
                TensorPrimitives.MultiplyAdd(centred, solved[b, a], columns[mis[a]], columns[mis[a]]);
            }
        }

        return smm - (som.Transpose() * solved);
    }

    private void ApplyCovarianceType(MixtureParameters p, double[] counts)
    {
        var d = p.D;
        var floor = _settings.CovarianceFloor;
        if (_type == CovarianceType.Tied)
        {
            var pooled = new double[d * d];
            var total = counts.Sum();
            for (var c = 0; c < _k; c++)
            {
                for (var e = 0; e < d * d; e++)
                {
                    pooled[e] += counts[c] * p.Covariances[(c * d * d) + e] / total;
                }
            }

            for (var c = 0; c < _k; c++)
            {
                pooled.CopyTo(p.Covariances, c * d * d);
            }
        }

        for (var c = 0; c < _k; c++)
        {
            var offset = c * d * d;
            var meanVariance = 0.0;
            var largestFloor = 0.0;
            for (var a = 0; a < d; a++)
            {
                meanVariance += p.Covariances[offset + (a * d) + a] / d;
                largestFloor = Math.Max(largestFloor, _data.VarianceFloors[a]);
            }

            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    ref var v = ref p.Covariances[offset + (a * d) + b];
                    if (a != b && _type is CovarianceType.Diagonal or CovarianceType.Spherical)
                    {
                        v = 0;
                    }
                    else if (a == b)
                    {
                        // Integer slots are floored at their rounding variance, which already keeps the matrix positive
                        // definite; the general floor would blur a spike such as "capital gain = 0" over many units.
                        var quantum = _data.VarianceFloors[a];
                        v = _type == CovarianceType.Spherical
                            ? Math.Max(meanVariance, largestFloor) + floor
                            : Math.Max(v, quantum) + (quantum > 0 ? 0 : floor);
                    }
                }
            }
        }
    }

    private void CategoricalUpdate(MixtureParameters p, double[] counts)
    {
        var n = _data.Rows;
        var alpha = _settings.CategorySmoothing;
        for (var c = 0; c < _k; c++)
        {
            var r = _resp[c];
            var offset = c * p.TotalLevels;
            for (var j = 0; j < _data.DiscreteCount; j++)
            {
                var codes = _data.Discrete[j];
                var start = offset + p.LevelOffsets[j];
                for (var i = 0; i < n; i++)
                {
                    p.CategoryProbabilities[start + codes[i]] += r[i];
                }

                var levels = p.Levels[j];
                var denominator = counts[c] + (alpha * levels);
                for (var l = 0; l < levels; l++)
                {
                    ref var v = ref p.CategoryProbabilities[start + l];
                    v = denominator > 0 ? (v + alpha) / denominator : 1.0 / levels;
                }
            }
        }
    }

    private void SetMissingRates(MixtureParameters p)
    {
        var d = p.D;
        foreach (var pattern in _data.Patterns)
        {
            if (pattern.Missing.Length == 0)
            {
                continue;
            }

            for (var c = 0; c < _k; c++)
            {
                double weight = 0;
                if (pattern.Rows is { } rows)
                {
                    foreach (var i in rows)
                    {
                        weight += _resp[c][i];
                    }
                }
                else
                {
                    weight = MixtureKernels.Sum(_resp[c].AsSpan(0, pattern.Count));
                }

                foreach (var a in pattern.Missing)
                {
                    p.MissingRates[(c * d) + a] += weight;
                }
            }
        }

        for (var c = 0; c < _k; c++)
        {
            var count = MixtureKernels.Sum(_resp[c].AsSpan(0, _data.Rows));
            for (var a = 0; a < d; a++)
            {
                p.MissingRates[(c * d) + a] = count > 0 ? Math.Clamp(p.MissingRates[(c * d) + a] / count, 0, 1) : 0;
            }
        }
    }
}
