using Doppel.Data;
using Doppel.Synthesis.Specification;

namespace Doppel;

/// <summary>
/// Tables from a specification alone (marginal distributions and a target correlation matrix, no training rows), as
/// <c>doppel generate</c> does; useful for test data. The format is that of <c>data/specs/*.json</c> (docs/MODELS.md).
/// </summary>
public static class Generate
{
    /// <summary>Generates <paramref name="rows"/> rows from the specification file at <paramref name="path"/>.</summary>
    /// <param name="path">A specification JSON file.</param>
    /// <param name="rows">How many rows.</param>
    /// <param name="options">Method (<c>Auto</c> by default), seed and method settings; null for the defaults.</param>
    /// <exception cref="DataFormatException">The file is missing or not a valid specification.</exception>
    public static Table FromSpecification(string path, int rows, SpecGenerationOptions? options = null) =>
        FromSpecification(SpecJson.Read(path), rows, options);

    /// <summary>Generates <paramref name="rows"/> rows from <paramref name="spec"/>; an unattainable correlation is replaced by the nearest attainable one.</summary>
    public static Table FromSpecification(GenerationSpec spec, int rows, SpecGenerationOptions? options = null) =>
        Run(spec, rows, options).Table;

    /// <summary>As <see cref="FromSpecification(GenerationSpec, int, SpecGenerationOptions?)"/>, with what was achieved: the method used and each pair's correlation.</summary>
    public static GenerationResult Run(GenerationSpec spec, int rows, SpecGenerationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return SpecGenerator.Generate(spec, rows, options ?? new SpecGenerationOptions());
    }

    /// <summary>Parses a specification from JSON text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">The text is not a valid specification.</exception>
    public static GenerationSpec ParseSpecification(string json, string source = "specification") => SpecJson.Parse(json, source);

    /// <summary>The specification of <paramref name="table"/>: its marginals and correlations without its rows.</summary>
    public static GenerationSpec InferSpecification(Table table, SpecInferenceOptions? options = null) =>
        SpecInference.Infer(table, options).Spec;
}
