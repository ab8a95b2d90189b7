namespace Doppel.Synthesis.Neural.Transform;

/// <summary>One span of the encoded row.</summary>
/// <param name="Start">The first encoded column.</param>
/// <param name="Width">The number of encoded columns (1 for a scalar).</param>
/// <param name="Kind">How the span is activated.</param>
/// <param name="Column">The name of the table column it encodes (a numeric column has a scalar and a softmax span).</param>
internal sealed record OutputSpan(int Start, int Width, SpanKind Kind, string Column);
