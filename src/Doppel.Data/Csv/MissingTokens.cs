namespace Doppel.Data;

/// <summary>Matches cells against missing tokens: a cell is missing when its text without surrounding spaces and tabs equals a token.</summary>
internal sealed class MissingTokens
{
    private readonly string[] _tokens;
    private readonly ulong _lengths;

    /// <summary>Prepares the matcher; tokens are trimmed the same way as cells.</summary>
    public MissingTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = [.. tokens.Select(t => t.Trim(' ', '\t')).Distinct(StringComparer.Ordinal)];
        foreach (var token in _tokens)
        {
            _lengths |= token.Length < 64 ? 1UL << token.Length : 1UL << 63;
        }
    }

    /// <summary>Whether <paramref name="cell"/> means "no value".</summary>
    public bool IsMissing(ReadOnlySpan<char> cell)
    {
        var trimmed = cell;
        if (cell.Length > 0 && (cell[0] is ' ' or '\t' || cell[^1] is ' ' or '\t'))
        {
            trimmed = cell.Trim(" \t");
        }

        // Most cells differ in length from every token: one bit test settles them.
        if ((_lengths & (1UL << Math.Min(trimmed.Length, 63))) == 0)
        {
            return false;
        }

        foreach (var token in _tokens)
        {
            if (trimmed.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }
}
