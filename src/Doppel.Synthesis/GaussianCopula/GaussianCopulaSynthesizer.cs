using System.Collections.Immutable;
using System.Numerics.Tensors;
using Doppel.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis;

/// <summary>
/// A Gaussian copula: each column is mapped to normal scores through its own marginal (numeric columns through the
/// empirical or a truncated parametric CDF, categorical and boolean columns through intervals of the uniform scale
/// sized by frequency, missing values through an interval of their own), the correlation of the normal scores is
/// estimated, and rows are drawn as correlated normals through the correlation's Cholesky factor and mapped back.
/// </summary>
internal sealed class GaussianCopulaSynthesizer : ISynthesizer
{
    /// <summary>The registry name.</summary>
    public const string SynthesizerName = "gaussian-copula";

    /// <summary>Uniform scores are kept this far from 0 and 1 before the normal quantile is taken.</summary>
    internal const double UniformMargin = 1e-9;

    /// <summary>Columns per parallel work item when computing normal scores.</summary>
    private const int ColumnsPerTask = 1;

    /// <summary>Creates the synthesizer with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public GaussianCopulaSynthesizer(GaussianCopulaOptions? options = null)
    {
        Options = options ?? new GaussianCopulaOptions();
        Options.Validate();
    }

    /// <summary>The registry entry: name, summary, factory and model reader.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        SynthesizerName,
        "Per-column marginals joined by the correlation of normal scores: fast, keeps pairwise relations, good first choice.",
        overrides => new GaussianCopulaSynthesizer(OptionsJson.Parse(overrides, SynthesizerName, GaussianCopulaJsonContext.Default.GaussianCopulaOptions)),
        GaussianCopulaModel.Read);

    /// <summary>The hyperparameters.</summary>
    public GaussianCopulaOptions Options { get; }

    /// <inheritdoc />
    public string Name => SynthesizerName;

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var marginals = MarginalSet.Fit(data, Options.Knots, Options.Marginals == MarginalFamily.Parametric, progress, cancellationToken);
        var rng = new Rng(options.Seed).Fork("copula/scores");
        var parallelism = options.MaxDegreeOfParallelism;
        var numeric = marginals.Modelled.Select(j => marginals.Columns[j] is NumericMarginal).ToArray();
        var jitter = Options.TieScores == TieScores.Uniform;
        var scores = NormalScores(data, marginals, jitter ? rng : null, numeric, parallelism, cancellationToken);
        if (Options.CategoryOrder == CategoryOrder.Association)
        {
            var indices = marginals.Modelled.Select(j => marginals.Columns[j] is DiscreteMarginal d ? d.Indices(data[j]) : null).ToArray();
            marginals = CategoryOrdering.Apply(marginals, indices, scores, data.RowCount);
        }

        var discreteScores = NormalScores(data, marginals, jitter ? rng : null, [.. numeric.Select(n => !n)], parallelism, cancellationToken);
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] ??= discreteScores[k];
        }

        var correlation = Repair(Correlation(scores, data.RowCount), Options.EigenvalueFloor);
        progress?.Report(new TrainingProgress("correlation", 1, 1, ImmutableDictionary<string, double>.Empty));
        return new GaussianCopulaModel(Options, marginals, correlation, options.Seed);
    }

    /// <summary>
    /// The normal score of every cell of the modelled columns selected by <paramref name="which"/> (null for the others):
    /// z = Φ⁻¹(u) with u the column's uniform score (ties and categories at their interval's midpoint, or, given
    /// <paramref name="jitter"/>, spread uniformly within it by <c>jitter.Fork("column", j)</c>).
    /// </summary>
    internal static double[]?[] NormalScores(Table data, MarginalSet marginals, Rng? jitter, bool[] which, int parallelism, CancellationToken cancellationToken)
    {
        var modelled = marginals.Modelled;
        var scores = new double[]?[modelled.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        Parallel.For(0, (modelled.Length + ColumnsPerTask - 1) / ColumnsPerTask, parallel, task =>
        {
            for (var k = task * ColumnsPerTask; k < Math.Min(modelled.Length, (task + 1) * ColumnsPerTask); k++)
            {
                if (!which[k])
                {
                    continue;
                }

                var j = modelled[k];
                var z = new double[data.RowCount];
                marginals.Columns[j].ToNormal(data[j], jitter?.Fork("column", j), UniformMargin, z);

                scores[k] = z;
            }
        });
        return scores;
    }

    /// <summary>The Pearson correlation of the score columns; a column without spread is uncorrelated with all others.</summary>
    internal static double[] Correlation(double[]?[] scores, int rows)
    {
        var d = scores.Length;
        var standardised = new double[d][];
        for (var a = 0; a < d; a++)
        {
            var z = scores[a]!;
            var mean = rows == 0 ? 0 : TensorPrimitives.Sum<double>(z) / rows;
            var s = new double[rows];
            TensorPrimitives.Subtract(z, mean, s);
            var sd = rows == 0 ? 0 : Math.Sqrt(TensorPrimitives.SumOfSquares<double>(s) / rows);
            if (sd > 0)
            {
                TensorPrimitives.Divide(s, sd, s);
            }
            else
            {
                Array.Clear(s);
            }

            standardised[a] = s;
        }

        var correlation = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            correlation[(a * d) + a] = 1;
            for (var b = 0; b < a; b++)
            {
                var r = rows == 0 ? 0 : Math.Clamp(TensorPrimitives.Dot<double>(standardised[a], standardised[b]) / rows, -1, 1);
                correlation[(a * d) + b] = r;
                correlation[(b * d) + a] = r;
            }
        }

        return correlation;
    }

    /// <summary>
    /// A positive-definite correlation matrix close to <paramref name="correlation"/> (d × d, row-major): eigenvalues
    /// below <paramref name="floor"/> are raised to it and the result is rescaled to a unit diagonal. A matrix whose
    /// eigenvalues all clear the floor is returned unchanged.
    /// </summary>
    internal static double[] Repair(double[] correlation, double floor)
    {
        var d = (int)Math.Round(Math.Sqrt(correlation.Length));
        if (d == 0)
        {
            return correlation;
        }

        var matrix = Matrix<double>.Build.DenseOfRowMajor(d, d, correlation);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        if (values.Min() >= floor)
        {
            return correlation;
        }

        var clipped = Matrix<double>.Build.DiagonalOfDiagonalArray([.. values.Select(v => Math.Max(v, floor))]);
        var repaired = evd.EigenVectors * clipped * evd.EigenVectors.Transpose();
        var result = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            result[(a * d) + a] = 1;
            for (var b = 0; b < a; b++)
            {
                // Rounding leaves V·D·Vᵀ a hair from symmetric: take one triangle and mirror it.
                var r = Math.Clamp(repaired[a, b] / Math.Sqrt(repaired[a, a] * repaired[b, b]), -1, 1);
                result[(a * d) + b] = r;
                result[(b * d) + a] = r;
            }
        }

        return result;
    }
}
