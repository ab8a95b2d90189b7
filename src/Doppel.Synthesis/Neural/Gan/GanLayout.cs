namespace Doppel.Synthesis.Neural.Gan;

/// <summary>One output span of the encoded rows: a tanh scalar, or a softmax group.</summary>
internal readonly record struct GanSpan(int Start, int Width, bool Softmax);

/// <summary>
/// What the GANs need to know of the encoded rows: their width, the output spans (which activation each
/// generator output gets) and the one-hot groups of the discrete columns with their training counts (CTGAN's
/// conditional vector). Built from the data transformer; neural models read spans, never column kinds.
/// </summary>
internal sealed partial class GanLayout
{
    public GanLayout(int width, IReadOnlyList<GanSpan> spans, IReadOnlyList<(int Start, int Width)> blocks, IReadOnlyList<long[]> counts)
    {
        if (spans.Sum(s => s.Width) != width || blocks.Count != counts.Count)
        {
            throw new ArgumentException("The spans do not cover the encoded width, or blocks and counts differ in number.");
        }

        (Width, Spans, Blocks, Counts) = (width, [.. spans], [.. blocks], [.. counts]);
    }

    /// <summary>Columns of an encoded row.</summary>
    public int Width { get; }

    /// <summary>The output spans, left to right.</summary>
    public GanSpan[] Spans { get; }

    /// <summary>Each discrete column's one-hot group in the encoded row.</summary>
    public (int Start, int Width)[] Blocks { get; }

    /// <summary>Each discrete column's training count per category.</summary>
    public long[][] Counts { get; }
}
