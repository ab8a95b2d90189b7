using Doppel.Data;
using Doppel.Synthesis.Mixtures;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis;

/// <summary>
/// A multivariate normal N(μ, Σ) restricted to a box-like region: some coordinates fixed at a point (P), some
/// confined to a <see cref="LatentRegion"/> of intervals (C), the rest free (U). Built once per model and
/// conditions, then read-only and thread-safe.
/// <para>
/// Sampling is exact: the points are handled by the conditional normal given y_P. Of the constrained coordinates, the
/// one whose region is least likely (f) is drawn from its exact one-dimensional truncated normal; the other
/// coordinates follow from the conditional normal given y_f, and the draw is kept only when every other constrained
/// coordinate lands in its region. The kept draws have density ∝ N(y) · 1[y ∈ region], because
/// p(y_f | y_f ∈ R_f) · p(rest | y_f) · 1[rest ∈ R] ∝ p(y) · 1[y ∈ R]. <see cref="Propose"/> does one such draw;
/// <see cref="LogNormaliser"/> is log p(y_P) + log P(y_f ∈ R_f | y_P), which a mixture multiplies with the
/// acceptance rate to weigh its components. When the acceptance is hopeless, <see cref="SampleGibbs"/> runs a Gibbs
/// sampler on the constrained block instead (approximate: a finite number of sweeps).
/// </para>
/// </summary>
internal sealed class ConstrainedGaussian
{
    private readonly int _n;
    private readonly int[] _points;
    private readonly double[] _pointValues;
    private readonly int[] _rest;
    private readonly LatentRegion?[] _regions;
    private readonly double[] _restMean;
    private readonly int _first;
    private readonly double _firstMean;
    private readonly double _firstSd;
    private readonly int[] _others;
    private readonly double[] _othersGain;
    private readonly double[] _othersFactor;
    private readonly Matrix<double> _restCovariance;

    /// <param name="mean">μ, length n.</param>
    /// <param name="covariance">Σ, n × n, symmetric positive definite.</param>
    /// <param name="regions">Per coordinate its region, or null when free.</param>
    public ConstrainedGaussian(double[] mean, Matrix<double> covariance, LatentRegion?[] regions)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        ArgumentNullException.ThrowIfNull(regions);
        _n = mean.Length;
        _regions = regions;
        _points = [.. Enumerable.Range(0, _n).Where(i => regions[i]?.Point is not null)];
        _pointValues = [.. _points.Select(i => regions[i]!.Point!.Value)];
        _rest = [.. Enumerable.Range(0, _n).Where(i => regions[i]?.Point is null)];

        // Condition on the points: μ' = μ_R + Σ_RP Σ_PP⁻¹ (p − μ_P), Σ' = Σ_RR − Σ_RP Σ_PP⁻¹ Σ_PR.
        var sigmaRR = Sub(covariance, _rest, _rest);
        _restMean = [.. _rest.Select(i => mean[i])];
        LogNormaliser = 0;
        if (_points.Length > 0)
        {
            var sigmaPP = Sub(covariance, _points, _points);
            var sigmaRP = Sub(covariance, _rest, _points);
            var deviation = Vector<double>.Build.DenseOfEnumerable(_points.Select((i, k) => _pointValues[k] - mean[i]));
            var cholesky = Linear.Cholesky(sigmaPP);
            var solved = cholesky.Transpose().Solve(cholesky.Solve(deviation));
            var shift = sigmaRP * solved;
            for (var k = 0; k < _rest.Length; k++)
            {
                _restMean[k] += shift[k];
            }

            sigmaRR -= sigmaRP * cholesky.Transpose().Solve(cholesky.Solve(sigmaRP.Transpose()));
            var whitened = cholesky.Solve(deviation);
            LogNormaliser = (-0.5 * whitened.DotProduct(whitened)) - cholesky.Diagonal().Select(x => Math.Log(x)).Sum() - (0.5 * _points.Length * Math.Log(2 * Math.PI));
        }

        _restCovariance = sigmaRR;

        // The constrained coordinate drawn exactly: the one whose region is least likely.
        _first = -1;
        var smallest = double.PositiveInfinity;
        for (var k = 0; k < _rest.Length; k++)
        {
            if (regions[_rest[k]] is { } region)
            {
                var mass = region.Mass(_restMean[k], Math.Sqrt(sigmaRR[k, k]));
                if (mass < smallest)
                {
                    smallest = mass;
                    _first = k;
                }
            }
        }

        _others = [.. Enumerable.Range(0, _rest.Length).Where(k => k != _first)];
        if (_first < 0)
        {
            _firstSd = 1;
            _othersGain = new double[_others.Length];
            _othersFactor = _others.Length == 0 ? [] : Linear.Cholesky(Sub(sigmaRR, _others, _others)).ToRowMajorArray();
            return;
        }

        LogNormaliser += Math.Log(smallest);
        _firstMean = _restMean[_first];
        _firstSd = Math.Sqrt(sigmaRR[_first, _first]);
        var sigmaFF = sigmaRR[_first, _first];
        _othersGain = [.. _others.Select(k => sigmaRR[k, _first] / sigmaFF)];
        var conditional = Matrix<double>.Build.Dense(_others.Length, _others.Length,
            (a, b) => sigmaRR[_others[a], _others[b]] - (sigmaRR[_others[a], _first] * sigmaRR[_first, _others[b]] / sigmaFF));
        _othersFactor = _others.Length == 0 ? [] : Linear.Cholesky(conditional).ToRowMajorArray();
    }

    /// <summary>log p(y_P) + log P(y_f ∈ R_f | y_P): the normaliser of the exact proposal (−∞ when the region has no mass).</summary>
    public double LogNormaliser { get; }

    /// <summary>
    /// Draws y from the exact proposal into <paramref name="y"/> (length n) and returns whether it lies in every
    /// region; a kept draw is an exact draw from the restricted normal.
    /// </summary>
    public bool Propose(Rng rng, Span<double> y)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (var k = 0; k < _points.Length; k++)
        {
            y[_points[k]] = _pointValues[k];
        }

        double shift = 0;
        if (_first >= 0)
        {
            var yf = _regions[_rest[_first]]!.Sample(_firstMean, _firstSd, rng);
            y[_rest[_first]] = yf;
            shift = yf - _firstMean;
        }

        var m = _others.Length;
        Span<double> z = stackalloc double[Math.Min(m, 256)];
        var draws = m > 256 ? new double[m] : z[..m];
        rng.FillGaussian(draws);
        var inside = true;
        for (var a = 0; a < m; a++)
        {
            var v = _restMean[_others[a]] + (_othersGain[a] * shift);
            for (var b = 0; b <= a; b++)
            {
                v += _othersFactor[(a * m) + b] * draws[b];
            }

            var coordinate = _rest[_others[a]];
            y[coordinate] = v;
            inside &= _regions[coordinate]?.Contains(v) ?? true;
        }

        return inside;
    }

    /// <summary>
    /// Draws <paramref name="rows"/> rows by Gibbs sampling on the constrained coordinates (each step an exact
    /// one-dimensional truncated normal given the others), starting from a sequential draw and running
    /// <paramref name="sweeps"/> sweeps; the free coordinates then follow from the conditional normal. Every row lies
    /// in the region; the distribution is exact only in the limit of many sweeps. Row i goes to
    /// <paramref name="output"/>[coordinate][i].
    /// </summary>
    public void SampleGibbs(int rows, int sweeps, Rng rng, double[][] output)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(output);
        var constrained = Enumerable.Range(0, _rest.Length).Where(k => _regions[_rest[k]] is not null).ToArray();
        var free = Enumerable.Range(0, _rest.Length).Where(k => _regions[_rest[k]] is null).ToArray();
        var c = constrained.Length;
        var sigmaCC = Sub(_restCovariance, constrained, constrained);
        var precision = sigmaCC.Inverse();
        var sigmaUC = Sub(_restCovariance, free, constrained);
        var gain = sigmaUC * precision;
        var freeFactor = free.Length == 0 ? Matrix<double>.Build.Dense(0, 0) : Linear.Cholesky(Sub(_restCovariance, free, free) - (gain * sigmaUC.Transpose()));
        var mu = constrained.Select(k => _restMean[k]).ToArray();
        var regions = constrained.Select(k => _regions[_rest[k]]!).ToArray();
        var state = new double[c];
        var z = new double[free.Length];
        for (var i = 0; i < rows; i++)
        {
            // Start: each coordinate from its truncated conditional given those already drawn (zero deviation for the rest).
            Array.Copy(mu, state, c);
            for (var sweep = 0; sweep <= sweeps; sweep++)
            {
                for (var a = 0; a < c; a++)
                {
                    // y_a | y_-a ~ N(μ_a − (1/Q_aa) Σ_{b≠a} Q_ab (y_b − μ_b), 1/Q_aa)
                    double s = 0;
                    for (var b = 0; b < c; b++)
                    {
                        s += b == a ? 0 : precision[a, b] * (state[b] - mu[b]);
                    }

                    state[a] = regions[a].Sample(mu[a] - (s / precision[a, a]), Math.Sqrt(1 / precision[a, a]), rng);
                }
            }

            for (var k = 0; k < _points.Length; k++)
            {
                output[_points[k]][i] = _pointValues[k];
            }

            for (var a = 0; a < c; a++)
            {
                output[_rest[constrained[a]]][i] = state[a];
            }

            rng.FillGaussian(z);
            for (var u = 0; u < free.Length; u++)
            {
                var v = _restMean[free[u]];
                for (var a = 0; a < c; a++)
                {
                    v += gain[u, a] * (state[a] - mu[a]);
                }

                for (var b = 0; b <= u; b++)
                {
                    v += freeFactor[u, b] * z[b];
                }

                output[_rest[free[u]]][i] = v;
            }
        }
    }

    private static Matrix<double> Sub(Matrix<double> m, int[] rows, int[] columns) =>
        Matrix<double>.Build.Dense(rows.Length, columns.Length, (a, b) => m[rows[a], columns[b]]);
}
