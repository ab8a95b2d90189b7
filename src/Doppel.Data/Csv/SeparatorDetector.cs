namespace Doppel.Data;

/// <summary>Finds the field separator from the header line: the most frequent of comma, semicolon, tab and pipe outside quotes.</summary>
internal static class SeparatorDetector
{
    /// <summary>The candidates, in the order that breaks ties.</summary>
    public static ReadOnlySpan<char> Candidates => [',', ';', '\t', '|'];

    /// <summary>The separator of the header in <paramref name="start"/> (the first characters of the file); comma when none occurs.</summary>
    public static char Detect(ReadOnlySpan<char> start)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        var quoted = false;
        foreach (var c in start)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                var k = Candidates.IndexOf(c);
                if (k >= 0)
                {
                    counts[k]++;
                }
            }
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return Candidates[best];
    }
}
