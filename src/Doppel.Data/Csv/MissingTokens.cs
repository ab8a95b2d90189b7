namespace Doppel.Data;

/// <summary>Matches cells against missing tokens: a cell is missing when its text without surrounding spaces and tabs equals a token.</summary>
internal sealed class MissingTokens
{
    private readonly string[] _tokens;
    private readonly int _maxLength;

    /// <summary>Prepares the matcher; tokens are trimmed the same way as cells.</summary>
    public MissingTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = [.. tokens.Select(t => t.Trim(' ', '\t')).Distinct(StringComparer.Ordinal)];
        _maxLength = _tokens.Length == 0 ? -1 : _tokens.Max(t => t.Length);
    }

    /// <summary>Whether <paramref name="cell"/> means "no value".</summary>
    public bool IsMissing(ReadOnlySpan<char> cell)
    {
        if (cell.Length > _maxLength && (cell.Length == 0 || (cell[0] is not (' ' or '\t') && cell[^1] is not (' ' or '\t'))))
        {
            return false;
        }

        var trimmed = cell.Trim(" \t");
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
