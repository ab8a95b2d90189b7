using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>An identifier column: nothing is learned; sampling leaves a placeholder that <see cref="ChunkedModel"/> fills with fresh keys.</summary>
internal sealed class IdentifierMarginal : ColumnMarginal
{
    public override double MissingRate => 0;

    public override bool IsModelled => false;

    public override void ToUniform(Column column, Rng? jitter, Span<double> destination) =>
        throw new InvalidOperationException("identifier columns are not learned");

    public override Column FromUniform(ColumnSchema schema, ReadOnlySpan<double> u) =>
        new IdentifierColumn(schema.Name, new string?[u.Length]);

    public override MarginalEntry Describe(ModelWriter writer, int index) => new("identifier", 0, 0, [], [], null, [], []);
}
