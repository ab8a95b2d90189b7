using System.Numerics.Tensors;
using Doppel.Data;
using MathNet.Numerics;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>
/// A one-dimensional variational Bayesian Gaussian mixture (Bishop, 2006, §10.2; Blei and Jordan, 2006, for the
/// Dirichlet-process prior), with the priors of scikit-learn's <c>BayesianGaussianMixture</c>: mean prior the data
/// mean with precision 1, Wishart (here Gamma) prior with one degree of freedom and the data variance, weights
/// under a Dirichlet process or Dirichlet distribution with concentration γ. Responsibilities start from k-means++
/// and Lloyd's algorithm. The E-step works component-major on whole columns (<c>TensorPrimitives</c>), so one
/// iteration is a few vectorised passes per component.
/// </summary>
internal static class BayesianGaussianMixture
{
    /// <summary>Added to every variance (scikit-learn's <c>reg_covar</c>).</summary>
    private const double RegCovar = 1e-6;

    /// <summary>Added to every component's mass so none is exactly empty (scikit-learn's <c>10 · eps</c>).</summary>
    private const double MassFloor = 2.220446049250313e-15;

    /// <summary>The fitted mixture: kept components only, in their original order.</summary>
    /// <param name="Weights">Expected weights of the kept components (they sum to at most 1).</param>
    /// <param name="Means">Posterior means.</param>
    /// <param name="Variances">Expected variances (inverse Wishart scale over degrees of freedom).</param>
    /// <param name="LogOffsets">The E-step constant of each component: log p_k(x) = LogOffset_k − (x − μ_k)² / (2 σ_k²).</param>
    /// <param name="Iterations">EM iterations run.</param>
    internal sealed record Result(double[] Weights, double[] Means, double[] Variances, double[] LogOffsets, int Iterations);

    /// <summary>Fits <paramref name="x"/> (finite values) and keeps the components whose weight exceeds <paramref name="threshold"/>.</summary>
    public static Result Fit(ReadOnlySpan<double> x, DataTransformerOptions options, double threshold, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        var n = x.Length;
        if (n == 0)
        {
            return new Result([1.0], [0.0], [1.0], [0.0], 0);
        }

        // Fit on centred values (the prior mean becomes 0): sums of squares then lose no precision to a large offset.
        var k = Math.Min(options.MaxModes, n);
        var shift = TensorPrimitives.Sum(x) / n;
        var centred = new double[n];
        TensorPrimitives.Subtract(x, shift, centred);
        var variancePrior = n > 1 ? TensorPrimitives.SumOfSquares<double>(centred) / (n - 1) : 0;
        var state = new State(k, options, variancePrior + RegCovar);
        state.MStep(KMeansStatistics(centred, k, rng));
        var previous = double.NegativeInfinity;
        var iterations = 0;
        while (iterations < options.MaxIterations)
        {
            iterations++;
            var (statistics, logLikelihood) = state.EStep(centred);
            state.MStep(statistics);
            if (Math.Abs(logLikelihood - previous) < options.Tolerance)
            {
                break;
            }

            previous = logLikelihood;
        }

        return state.Keep(threshold, iterations, shift);
    }

    /// <summary>
    /// The sufficient statistics of hard k-means responsibilities: k-means++ seeding, then Lloyd's iterations until no
    /// label changes (at most 100).
    /// </summary>
    private static Statistics KMeansStatistics(ReadOnlySpan<double> x, int k, Rng rng)
    {
        var n = x.Length;
        var centers = new double[k];
        var distance = new double[n];
        centers[0] = x[rng.Next(n)];
        for (var i = 0; i < n; i++)
        {
            distance[i] = (x[i] - centers[0]) * (x[i] - centers[0]);
        }

        for (var c = 1; c < k; c++)
        {
            var total = TensorPrimitives.Sum<double>(distance);
            var pick = 0;
            if (total > 0)
            {
                var target = rng.NextDouble() * total;
                var running = 0.0;
                for (pick = 0; pick < n - 1; pick++)
                {
                    running += distance[pick];
                    if (running > target)
                    {
                        break;
                    }
                }
            }

            centers[c] = x[pick];
            for (var i = 0; i < n; i++)
            {
                distance[i] = Math.Min(distance[i], (x[i] - centers[c]) * (x[i] - centers[c]));
            }
        }

        var labels = new int[n];
        Array.Fill(labels, -1);
        var sums = new double[k];
        var counts = new int[k];
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var changed = false;
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestDistance = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var d = Math.Abs(x[i] - centers[c]);
                    if (d < bestDistance)
                    {
                        (best, bestDistance) = (c, d);
                    }
                }

                changed |= labels[i] != best;
                labels[i] = best;
                sums[best] += x[i];
                counts[best]++;
            }

            if (!changed)
            {
                break;
            }

            for (var c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    centers[c] = sums[c] / counts[c];
                }
            }
        }

        var statistics = new Statistics(k);
        for (var i = 0; i < n; i++)
        {
            statistics.Mass[labels[i]] += 1;
            statistics.Sum[labels[i]] += x[i];
            statistics.SumOfSquares[labels[i]] += x[i] * x[i];
        }

        return statistics;
    }

    /// <summary>Per component: Σ r, Σ r x and Σ r x² over the rows.</summary>
    private sealed class Statistics(int k)
    {
        public double[] Mass { get; } = new double[k];

        public double[] Sum { get; } = new double[k];

        public double[] SumOfSquares { get; } = new double[k];
    }

    /// <summary>The variational parameters (on centred values, prior mean 0).</summary>
    private sealed class State
    {
        /// <summary>Rows per block of the E-step: k blocks of log-probabilities stay in the L1 cache.</summary>
        private const int Block = 256;

        private readonly int _k;
        private readonly DataTransformerOptions _options;
        private readonly double _variancePrior;
        private readonly double[] _alpha;
        private readonly double[] _beta;
        private readonly double[] _meanPrecision;
        private readonly double[] _means;
        private readonly double[] _dof;
        private readonly double[] _variances;
        private readonly double[] _logP;
        private readonly double[] _squares = new double[Block];
        private readonly double[] _max = new double[Block];
        private readonly double[] _sum = new double[Block];

        public State(int k, DataTransformerOptions options, double variancePrior)
        {
            (_k, _options, _variancePrior) = (k, options, variancePrior);
            _alpha = new double[k];
            _beta = new double[k];
            _meanPrecision = new double[k];
            _means = new double[k];
            _dof = new double[k];
            _variances = new double[k];
            _logP = new double[k * Block];
        }

        /// <summary>Updates the posterior from the responsibilities' statistics (Bishop 10.51-10.63 in one dimension).</summary>
        public void MStep(Statistics statistics)
        {
            var tail = 0.0;
            for (var c = _k - 1; c >= 0; c--)
            {
                var nk = statistics.Mass[c] + MassFloor;
                var xk = statistics.Sum[c] / nk;
                var sk = Math.Max(0, (statistics.SumOfSquares[c] / nk) - (xk * xk)) + RegCovar;
                if (_options.WeightPrior == WeightPrior.DirichletProcess)
                {
                    // Stick-breaking Beta(1 + N_k, γ + Σ_{j>k} N_j).
                    _alpha[c] = 1 + nk;
                    _beta[c] = _options.WeightConcentrationPrior + tail;
                    tail += nk;
                }
                else
                {
                    _alpha[c] = _options.WeightConcentrationPrior + nk;
                }

                // Mean prior 0 with precision 1; Gamma (1-D Wishart) prior with 1 degree of freedom and the data variance.
                _meanPrecision[c] = 1 + nk;
                _means[c] = nk * xk / _meanPrecision[c];
                _dof[c] = 1 + nk;
                var scale = _variancePrior + (nk * sk) + (nk / _meanPrecision[c] * xk * xk);
                _variances[c] = scale / _dof[c];
            }
        }

        /// <summary>
        /// Expected log weight plus expected log density constant of each component:
        /// E[ln π_k] − ½ ln 2π + ½ (ln 2 + ψ(ν_k / 2) − ln ν_k − 1 / β_k) − ½ ln σ²_k, where σ²_k is the expected variance.
        /// </summary>
        public double[] LogOffsets()
        {
            var result = new double[_k];
            var stick = 0.0;
            var total = _alpha.Sum();
            for (var c = 0; c < _k; c++)
            {
                double logWeight;
                if (_options.WeightPrior == WeightPrior.DirichletProcess)
                {
                    var digammaSum = SpecialFunctions.DiGamma(_alpha[c] + _beta[c]);
                    logWeight = SpecialFunctions.DiGamma(_alpha[c]) - digammaSum + stick;
                    stick += SpecialFunctions.DiGamma(_beta[c]) - digammaSum;
                }
                else
                {
                    logWeight = SpecialFunctions.DiGamma(_alpha[c]) - SpecialFunctions.DiGamma(total);
                }

                result[c] = logWeight - (0.5 * Math.Log(2 * Math.PI)) - (0.5 * Math.Log(_variances[c]))
                    + (0.5 * (Math.Log(2) + SpecialFunctions.DiGamma(0.5 * _dof[c]) - Math.Log(_dof[c]) - (1 / _meanPrecision[c])));
            }

            return result;
        }

        /// <summary>
        /// The responsibilities' statistics under the current posterior, and Σ_i ln Σ_k exp(log p_ik). Rows go in
        /// blocks, each reduced in a fixed order, so the result is the same on every run.
        /// </summary>
        public (Statistics Statistics, double LogLikelihood) EStep(ReadOnlySpan<double> x)
        {
            var offsets = LogOffsets();
            var statistics = new Statistics(_k);
            var logLikelihood = 0.0;
            for (var start = 0; start < x.Length; start += Block)
            {
                var xs = x.Slice(start, Math.Min(Block, x.Length - start));
                var length = xs.Length;
                var max = _max.AsSpan(0, length);
                var sum = _sum.AsSpan(0, length);
                var squares = _squares.AsSpan(0, length);
                TensorPrimitives.Multiply(xs, xs, squares);
                for (var c = 0; c < _k; c++)
                {
                    // log p_ik = offset_k − (x_i − μ_k)² / (2 σ²_k)
                    var r = _logP.AsSpan(c * Block, length);
                    TensorPrimitives.Subtract(xs, _means[c], r);
                    TensorPrimitives.Multiply(r, r, r);
                    TensorPrimitives.Multiply(r, -0.5 / _variances[c], r);
                    TensorPrimitives.Add(r, offsets[c], r);
                    if (c == 0)
                    {
                        r.CopyTo(max);
                    }
                    else
                    {
                        TensorPrimitives.Max(max, r, max);
                    }
                }

                sum.Clear();
                for (var c = 0; c < _k; c++)
                {
                    var r = _logP.AsSpan(c * Block, length);
                    TensorPrimitives.Subtract(r, max, r);

                    // Below -700 exp is 0 for our purpose; clamping keeps TensorPrimitives.Exp on its vector path,
                    // which otherwise falls back to scalar code for every vector holding an underflowing value.
                    TensorPrimitives.Max(r, -700.0, r);
                    TensorPrimitives.Exp(r, r);
                    TensorPrimitives.Add(sum, r, sum);
                }

                for (var c = 0; c < _k; c++)
                {
                    var r = _logP.AsSpan(c * Block, length);
                    TensorPrimitives.Divide(r, sum, r);
                    statistics.Mass[c] += TensorPrimitives.Sum<double>(r);
                    statistics.Sum[c] += TensorPrimitives.Dot<double>(r, xs);
                    statistics.SumOfSquares[c] += TensorPrimitives.Dot<double>(r, squares);
                }

                TensorPrimitives.Log(sum, sum);
                logLikelihood += TensorPrimitives.Sum<double>(sum) + TensorPrimitives.Sum<double>(max);
            }

            return (statistics, logLikelihood);
        }

        /// <summary>The kept components (expected weight above <paramref name="threshold"/>; the heaviest one at least), shifted back.</summary>
        public Result Keep(double threshold, int iterations, double shift)
        {
            var weights = new double[_k];
            var remaining = 1.0;
            var total = _alpha.Sum();
            for (var c = 0; c < _k; c++)
            {
                if (_options.WeightPrior == WeightPrior.DirichletProcess)
                {
                    var v = _alpha[c] / (_alpha[c] + _beta[c]);
                    weights[c] = v * remaining;
                    remaining *= 1 - v;
                }
                else
                {
                    weights[c] = _alpha[c] / total;
                }
            }

            var weightSum = weights.Sum();
            var heaviest = Array.IndexOf(weights, weights.Max());
            var keep = Enumerable.Range(0, _k).Where(c => weights[c] / weightSum > threshold || c == heaviest).ToArray();
            var offsets = LogOffsets();
            return new Result(
                [.. keep.Select(c => weights[c] / weightSum)],
                [.. keep.Select(c => _means[c] + shift)],
                [.. keep.Select(c => _variances[c])],
                [.. keep.Select(c => offsets[c])],
                iterations);
        }
    }
}
