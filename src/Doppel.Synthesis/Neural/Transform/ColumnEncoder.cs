using Doppel.Data;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>Encodes one column into its slice of the encoded row and back.</summary>
internal abstract class ColumnEncoder
{
    /// <summary>The column's schema entry.</summary>
    public abstract ColumnSchema Schema { get; }

    /// <summary>Encoded columns.</summary>
    public abstract int Width { get; }

    /// <summary>The spans, starting at <paramref name="offset"/>.</summary>
    public abstract IEnumerable<OutputSpan> Spans(int offset);

    /// <summary>Writes every row of <paramref name="column"/> into <paramref name="encoded"/> (rows × <paramref name="stride"/>) at <paramref name="offset"/>.</summary>
    public abstract void Encode(Column column, Span<float> encoded, int stride, int offset, Rng rng);

    /// <summary>Reads <paramref name="rows"/> rows back from <paramref name="encoded"/>.</summary>
    public abstract Column Decode(ReadOnlySpan<float> encoded, int rows, int stride, int offset);

    /// <summary>What a model file stores.</summary>
    public abstract ColumnState State();

    /// <summary>The index of the largest of <paramref name="values"/> (the first on ties).</summary>
    protected static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var j = 1; j < values.Length; j++)
        {
            if (values[j] > values[best])
            {
                best = j;
            }
        }

        return best;
    }
}
