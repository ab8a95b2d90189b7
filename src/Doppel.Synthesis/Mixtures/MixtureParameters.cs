using Doppel.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis.Mixtures;

/// <summary>
/// A fitted mixture over standardised numeric slots and discrete slots: component weights, Gaussian means and
/// covariances (always stored full, whatever the type), one categorical distribution per component and discrete
/// slot, and per component the share of rows missing each numeric slot.
/// </summary>
internal sealed class MixtureParameters
{
    public MixtureParameters(int components, int numeric, int[] levels, CovarianceType type)
    {
        K = components;
        D = numeric;
        Levels = levels;
        Type = type;
        LevelOffsets = new int[levels.Length + 1];
        for (var j = 0; j < levels.Length; j++)
        {
            LevelOffsets[j + 1] = LevelOffsets[j] + levels[j];
        }

        Weights = new double[K];
        Means = new double[K * D];
        Covariances = new double[K * D * D];
        CategoryProbabilities = new double[K * LevelOffsets[^1]];
        MissingRates = new double[K * D];
    }

    public int K { get; }

    public int D { get; }

    public int[] Levels { get; }

    public int[] LevelOffsets { get; }

    public int TotalLevels => LevelOffsets[^1];

    public CovarianceType Type { get; }

    /// <summary>Component weights (sum 1).</summary>
    public double[] Weights { get; }

    /// <summary>Means, K × D row-major.</summary>
    public double[] Means { get; }

    /// <summary>Covariances, K × D × D row-major.</summary>
    public double[] Covariances { get; }

    /// <summary>Level probabilities, K × total levels (each slot's block sums to 1).</summary>
    public double[] CategoryProbabilities { get; }

    /// <summary>Share of each component's rows missing each numeric slot, K × D.</summary>
    public double[] MissingRates { get; }

    /// <summary>The number of free parameters of the likelihood (missing rates are not part of it).</summary>
    public long FreeParameters()
    {
        long d = D;
        long cov = Type switch
        {
            CovarianceType.Full => K * d * (d + 1) / 2,
            CovarianceType.Diagonal => K * d,
            CovarianceType.Tied => d * (d + 1) / 2,
            _ => d > 0 ? K : 0,
        };
        long categorical = K * Levels.Sum(l => (long)(l - 1));
        return (K - 1) + (K * d) + cov + categorical;
    }

    /// <summary>The full covariance of component <paramref name="k"/> as a matrix.</summary>
    public Matrix<double> Covariance(int k) => Matrix<double>.Build.Dense(D, D, (i, j) => Covariances[(k * D * D) + (i * D) + j]);

    /// <summary>Writes the parameters as blocks under <paramref name="prefix"/>.</summary>
    // Layout (float64, little-endian): PREFIX/weights [K]; PREFIX/means [K, D]; PREFIX/covariances [K, D, D];
    // PREFIX/categories [K, total levels]; PREFIX/missing [K, D].
    public void Write(ModelWriter writer, string prefix)
    {
        writer.WriteDoubles(prefix + "/weights", Weights, K);
        writer.WriteDoubles(prefix + "/means", Means, K, D);
        writer.WriteDoubles(prefix + "/covariances", Covariances, K, D, D);
        writer.WriteDoubles(prefix + "/categories", CategoryProbabilities, K, TotalLevels);
        writer.WriteDoubles(prefix + "/missing", MissingRates, K, D);
    }

    /// <summary>Reads parameters written by <see cref="Write"/>, checking every shape and value.</summary>
    public static MixtureParameters Read(ModelReader reader, string prefix, int components, int numeric, int[] levels, CovarianceType type)
    {
        var p = new MixtureParameters(components, numeric, levels, type);
        reader.ReadDoubles(prefix + "/weights", components).CopyTo(p.Weights, 0);
        reader.ReadDoubles(prefix + "/means", components, numeric).CopyTo(p.Means, 0);
        reader.ReadDoubles(prefix + "/covariances", components, numeric, numeric).CopyTo(p.Covariances, 0);
        reader.ReadDoubles(prefix + "/categories", components, p.TotalLevels).CopyTo(p.CategoryProbabilities, 0);
        reader.ReadDoubles(prefix + "/missing", components, numeric).CopyTo(p.MissingRates, 0);
        if (p.Weights.Any(w => !(w >= 0)) || Math.Abs(p.Weights.Sum() - 1) > 1e-6 ||
            p.Means.Any(v => !double.IsFinite(v)) || p.CategoryProbabilities.Any(v => !(v >= 0)) || p.MissingRates.Any(v => !(v is >= 0 and <= 1)))
        {
            throw reader.Error($"the mixture '{prefix}' holds invalid weights, means or probabilities");
        }

        return p;
    }
}

/// <summary>Draws rows from a <see cref="MixtureParameters"/>; built once per model, then read-only and thread-safe.</summary>
internal sealed class MixtureSampler
{
    private readonly MixtureParameters _p;
    private readonly double[] _cumulativeWeights;
    private readonly double[][] _choleskyFactors;
    private readonly double[] _cumulativeLevels;

    public MixtureSampler(MixtureParameters parameters)
    {
        _p = parameters;
        _cumulativeWeights = Cumulative(parameters.Weights, 0, parameters.K);
        _choleskyFactors = new double[parameters.K][];
        for (var k = 0; k < parameters.K; k++)
        {
            _choleskyFactors[k] = parameters.D == 0 ? [] : Linear.Cholesky(parameters.Covariance(k)).ToRowMajorArray();
        }

        _cumulativeLevels = new double[parameters.CategoryProbabilities.Length];
        for (var k = 0; k < parameters.K; k++)
        {
            for (var j = 0; j < parameters.Levels.Length; j++)
            {
                var start = (k * parameters.TotalLevels) + parameters.LevelOffsets[j];
                Cumulative(parameters.CategoryProbabilities, start, parameters.Levels[j]).CopyTo(_cumulativeLevels, start);
            }
        }
    }

    /// <summary>Draws <paramref name="rows"/> rows: standardised numeric values (NaN = missing) and discrete codes.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="rng">The stream to draw from.</param>
    /// <param name="components">Receives the component of each row when not null.</param>
    public (double[][] Numeric, int[][] Discrete) Sample(int rows, Rng rng, int[]? components = null)
    {
        var p = _p;
        var numeric = new double[p.D][];
        for (var j = 0; j < p.D; j++)
        {
            numeric[j] = new double[rows];
        }

        var discrete = new int[p.Levels.Length][];
        for (var j = 0; j < discrete.Length; j++)
        {
            discrete[j] = new int[rows];
        }

        var z = new double[p.D];
        for (var i = 0; i < rows; i++)
        {
            var k = Draw(_cumulativeWeights, 0, p.K, rng.NextDouble());
            if (components is not null)
            {
                components[i] = k;
            }

            var l = _choleskyFactors[k];
            for (var a = 0; a < p.D; a++)
            {
                z[a] = rng.NextGaussian();
            }

            for (var a = 0; a < p.D; a++)
            {
                var v = p.Means[(k * p.D) + a];
                for (var b = 0; b <= a; b++)
                {
                    v += l[(a * p.D) + b] * z[b];
                }

                numeric[a][i] = rng.NextDouble() < p.MissingRates[(k * p.D) + a] ? double.NaN : v;
            }

            for (var j = 0; j < discrete.Length; j++)
            {
                discrete[j][i] = Draw(_cumulativeLevels, (k * p.TotalLevels) + p.LevelOffsets[j], p.Levels[j], rng.NextDouble());
            }
        }

        return (numeric, discrete);
    }

    private static double[] Cumulative(double[] values, int start, int count)
    {
        var result = new double[count];
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += values[start + i];
            result[i] = sum;
        }

        for (var i = 0; i < count; i++)
        {
            result[i] /= sum > 0 ? sum : 1;
        }

        return result;
    }

    private static int Draw(double[] cumulative, int start, int count, double u)
    {
        var lo = 0;
        var hi = count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (cumulative[start + mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
