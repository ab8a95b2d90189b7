using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// A fitted <see cref="IndependentSynthesizer"/>: one marginal per column. Each cell is an independent uniform
/// draw mapped through its column's marginal; column <c>j</c> of a chunk draws from <c>rng.Fork("column", j)</c>.
/// </summary>
internal sealed class IndependentModel : ChunkedModel
{
    private readonly MarginalSet _marginals;

    internal IndependentModel(IndependentOptions options, MarginalSet marginals, ulong fitSeed)
    {
        Options = options;
        _marginals = marginals;
        FitSeed = fitSeed;
    }

    /// <summary>The hyperparameters it was fitted with.</summary>
    public IndependentOptions Options { get; }

    /// <inheritdoc />
    public override string SynthesizerName => IndependentSynthesizer.SynthesizerName;

    /// <inheritdoc />
    public override TableSchema Schema => _marginals.Schema;

    /// <inheritdoc />
    public override ulong FitSeed { get; }

    // Model-file layout (besides the manifest):
    //   options.json     the IndependentOptions record, snake_case JSON
    //   marginals.json   and knots/J: see MarginalSet.Write
    /// <inheritdoc />
    public override void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson("options.json", Options, IndependentJsonContext.Default.IndependentOptions);
        _marginals.Write(writer);
    }

    /// <summary>Rebuilds a model from a verified model file.</summary>
    /// <exception cref="ModelFileException">A block is missing or inconsistent with the schema.</exception>
    public static IndependentModel Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = reader.ReadJson("options.json", IndependentJsonContext.Default.IndependentOptions);
        return new IndependentModel(options, MarginalSet.Read(reader), reader.Seed);
    }

    /// <inheritdoc />
    protected override Table SampleChunk(int rows, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var uniforms = new double[_marginals.Modelled.Length][];
        for (var k = 0; k < uniforms.Length; k++)
        {
            var column = rng.Fork("column", _marginals.Modelled[k]);
            var u = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                u[i] = column.NextDouble();
            }

            uniforms[k] = u;
        }

        return _marginals.Build(rows, uniforms);
    }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, ImmutableArray<string>> CategoryLabels() => _marginals.CategoryLabels();
}
