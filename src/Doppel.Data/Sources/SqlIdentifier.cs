namespace Doppel.Data;

/// <summary>Quotes table and column names for SQL (SQLite and PostgreSQL share the standard double-quote form).</summary>
internal static class SqlIdentifier
{
    /// <summary>
    /// The name as a quoted identifier: wrapped in double quotes with inner double quotes doubled, so any text,
    /// including quotes, semicolons and comment marks, is just a name.
    /// </summary>
    /// <exception cref="DoppelException">The name is empty or holds a NUL character, which no database accepts in a name.</exception>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new DoppelException("a table or column name is empty or holds a NUL character; databases accept neither. Rename it.");
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
