using System.Collections.Immutable;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

internal sealed partial class GanLayout
{
    /// <summary>The layout of <paramref name="transformer"/>'s encoded rows.</summary>
    public static GanLayout From(DataTransformer transformer) => new(
        transformer.Width,
        [.. transformer.Spans.Select(s => new GanSpan(s.Start, s.Width, s.Kind == SpanKind.Softmax))],
        [.. transformer.DiscreteBlocks.Select(b => (b.Start, b.Width))],
        [.. transformer.DiscreteBlocks.Select(b => b.Counts.ToArray())]);

    /// <summary>
    /// The value each category of each discrete block decodes to ([block][category], as formatted by the column),
    /// found by decoding one-hot rows, so it holds whatever order the transformer keeps its categories in.
    /// </summary>
    public static ImmutableArray<ImmutableArray<string?>> Labels(DataTransformer transformer)
    {
        var blocks = transformer.DiscreteBlocks;
        var rows = blocks.IsEmpty ? 0 : blocks.Max(b => b.Width);
        if (rows == 0)
        {
            return [];
        }

        var encoded = new float[rows * transformer.Width];
        for (var r = 0; r < rows; r++)
        {
            foreach (var span in transformer.Spans.Where(s => s.Kind == SpanKind.Softmax))
            {
                encoded[(r * transformer.Width) + span.Start] = 1f; // a valid one-hot everywhere
            }

            foreach (var block in blocks.Where(b => r < b.Width))
            {
                encoded.AsSpan((r * transformer.Width) + block.Start, block.Width).Clear();
                encoded[(r * transformer.Width) + block.Start + r] = 1f;
            }
        }

        var decoded = transformer.Inverse(encoded, rows);
        return [.. blocks.Select(b => Enumerable.Range(0, b.Width).Select(k => decoded[b.Column].FormatValue(k)).ToImmutableArray())];
    }
}
