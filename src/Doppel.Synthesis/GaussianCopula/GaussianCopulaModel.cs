using System.Collections.Immutable;
using Doppel.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis;

/// <summary>
/// A fitted <see cref="GaussianCopulaSynthesizer"/>: the marginals and the correlation of normal scores with its
/// Cholesky factor L. A row is z ~ N(0, I), y = L z, u = Φ(y), each u mapped through its column's marginal.
/// </summary>
internal sealed class GaussianCopulaModel : ChunkedModel
{
    private readonly MarginalSet _marginals;
    private readonly double[] _correlation;
    private readonly double[] _cholesky;
    private readonly int _dimension;

    /// <exception cref="ArgumentException">The correlation is not a positive-definite d × d matrix with unit diagonal.</exception>
    internal GaussianCopulaModel(GaussianCopulaOptions options, MarginalSet marginals, double[] correlation, ulong fitSeed)
    {
        _dimension = marginals.Modelled.Length;
        if (correlation.Length != _dimension * _dimension)
        {
            throw new ArgumentException($"the correlation holds {correlation.Length} values, expected {_dimension}²", nameof(correlation));
        }

        for (var a = 0; a < _dimension; a++)
        {
            for (var b = 0; b < _dimension; b++)
            {
                var r = correlation[(a * _dimension) + b];
                if (!double.IsFinite(r) || Math.Abs(r) > 1 || r != correlation[(b * _dimension) + a] || (a == b && r != 1))
                {
                    throw new ArgumentException("the correlation must be symmetric, finite, within [-1, 1] and have a unit diagonal", nameof(correlation));
                }
            }
        }

        Options = options;
        _marginals = marginals;
        _correlation = correlation;
        FitSeed = fitSeed;
        _cholesky = _dimension == 0
            ? []
            : Matrix<double>.Build.DenseOfRowMajor(_dimension, _dimension, correlation).Cholesky().Factor.ToRowMajorArray();
    }

    /// <summary>The hyperparameters it was fitted with.</summary>
    public GaussianCopulaOptions Options { get; }

    /// <summary>The correlation of normal scores between the learned (non-identifier) columns, row-major.</summary>
    public ReadOnlySpan<double> Correlation => _correlation;

    /// <inheritdoc />
    public override string SynthesizerName => GaussianCopulaSynthesizer.SynthesizerName;

    /// <inheritdoc />
    public override TableSchema Schema => _marginals.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    // Model-file layout (besides the manifest):
    //   options.json     the GaussianCopulaOptions record, snake_case JSON
    //   marginals.json   and knots/J: see MarginalSet.Write
    //   correlation      float64 [d, d], row-major: the repaired correlation of normal scores between the d learned
    //                    columns in schema order (identifier columns skipped). The Cholesky factor is recomputed on load.
    /// <inheritdoc />
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options.json", Options, GaussianCopulaJsonContext.Default.GaussianCopulaOptions);
        _marginals.Write(writer);
        writer.WriteDoubles("correlation", _correlation, _dimension, _dimension);
    }

    /// <summary>Rebuilds a model from a verified model file.</summary>
    /// <exception cref="ModelFileException">A block is missing or inconsistent.</exception>
    public static GaussianCopulaModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("options.json", GaussianCopulaJsonContext.Default.GaussianCopulaOptions);
        var marginals = MarginalSet.Read(reader);
        var d = marginals.Modelled.Length;
        var correlation = reader.ReadDoubles("correlation", d, d);
        return new GaussianCopulaModel(options, marginals, correlation, reader.Seed);
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var d = _dimension;
        var normals = new double[d][];
        for (var k = 0; k < d; k++)
        {
            normals[k] = new double[rows];
        }

        Span<double> z = stackalloc double[Math.Min(d, 256)];
        var heap = d > 256 ? new double[d] : null;
        var draws = heap ?? z;
        for (var i = 0; i < rows; i++)
        {
            rng.FillGaussian(draws);
            for (var a = 0; a < d; a++)
            {
                // y_a = Σ_{b ≤ a} L[a, b] z_b (L lower-triangular)
                var row = _cholesky.AsSpan(a * d, a + 1);
                double y = 0;
                for (var b = 0; b < row.Length; b++)
                {
                    y += row[b] * draws[b];
                }

                normals[a][i] = y;
            }
        }

        return _marginals.BuildFromNormal(rows, normals);
    }

    /// <summary>Exact: the conditions become constraints on the latent normal coordinates (see <see cref="CopulaConditioning"/>).</summary>
    /// <exception cref="DoppelException">A condition asks for values the model never makes.</exception>
    protected override Table SampleConditionedChunk(int rows, ConditionSet conditions, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(rng);
        return CopulaConditioning.For(_marginals, _correlation, conditions).Sample(rows, rng);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _marginals.CategoryLabels();
}
