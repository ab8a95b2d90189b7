using Npgsql;

namespace Doppel.Data;

/// <summary>
/// Where a table lives, parsed from the one argument a user gives wherever a file is accepted:
/// <c>people.csv</c>, <c>people.parquet</c>, <c>sqlite:shop.db</c> (with a table name), or <c>postgres:customers</c>
/// (the table after the colon, or given separately, with the connection from an option or the
/// <see cref="ConnectionVariable"/> environment variable).
/// </summary>
/// <remarks>
/// Table names are used verbatim as one quoted identifier: <c>a.b</c> is a table called <c>a.b</c>, and a name
/// holding quotes or semicolons is just a strange name. <see cref="ToString"/> never shows a password.
/// </remarks>
public sealed record TableLocation
{
    /// <summary>The environment variable holding the PostgreSQL connection when no connection is given.</summary>
    public const string ConnectionVariable = "DOPPEL_POSTGRES";

    private TableLocation(TableLocationKind kind, string? path, string? table, string? connection)
    {
        Kind = kind;
        Path = path;
        Table = table;
        Connection = connection;
    }

    /// <summary>The kind of place.</summary>
    public TableLocationKind Kind { get; }

    /// <summary>The file (CSV, Parquet, SQLite database); null for PostgreSQL.</summary>
    public string? Path { get; }

    /// <summary>The table name inside a database; null for files.</summary>
    public string? Table { get; }

    /// <summary>The Npgsql connection string for PostgreSQL (may hold a password: never print it); null otherwise.</summary>
    internal string? Connection { get; }

    /// <summary>A file location; the kind follows the extension (<c>.parquet</c> or <c>.pq</c> is Parquet, anything else CSV).</summary>
    public static TableLocation File(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = System.IO.Path.GetExtension(path);
        var kind = extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase) || extension.Equals(".pq", StringComparison.OrdinalIgnoreCase)
            ? TableLocationKind.Parquet
            : TableLocationKind.Csv;
        return new TableLocation(kind, path, null, null);
    }

    /// <summary>A table in an SQLite database file.</summary>
    public static TableLocation Sqlite(string path, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(table);
        return new TableLocation(TableLocationKind.Sqlite, path, table, null);
    }

    /// <summary>A table in a PostgreSQL database; <paramref name="connection"/> is a keyword connection string or a <c>postgresql://</c> URI.</summary>
    /// <exception cref="InvalidOptionsException">The connection cannot be parsed (the message does not repeat it).</exception>
    public static TableLocation Postgres(string connection, string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(connection);
        ArgumentException.ThrowIfNullOrEmpty(table);
        return new TableLocation(TableLocationKind.Postgres, null, table, PostgresConnection.Normalize(connection));
    }

    /// <summary>
    /// Parses a location argument. <paramref name="table"/> names the database table (for <c>postgres:</c> it may
    /// instead follow the colon); <paramref name="connection"/> is the PostgreSQL connection, else
    /// <paramref name="environment"/>(<see cref="ConnectionVariable"/>) is used.
    /// </summary>
    /// <param name="text">The argument, for example <c>out.parquet</c> or <c>sqlite:shop.db</c>.</param>
    /// <param name="table">The table option, or null.</param>
    /// <param name="connection">The connection option, or null.</param>
    /// <param name="environment">Reads an environment variable; null uses the process environment.</param>
    /// <exception cref="InvalidOptionsException">A database location without a table or connection, or a table given for a file.</exception>
    public static TableLocation Parse(string text, string? table = null, string? connection = null, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            var problems = new List<string>();
            if (path.Length == 0)
            {
                problems.Add("sqlite: needs the database file after the colon, for example sqlite:shop.db");
            }

            if (string.IsNullOrEmpty(table))
            {
                problems.Add($"'{text}' needs a table name (--table)");
            }

            return problems.Count == 0 ? Sqlite(path, table!) : throw new InvalidOptionsException("location", problems);
        }

        var prefix = text.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) ? "postgres:".Length
            : text.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ? "postgresql:".Length
            : -1;
        if (prefix >= 0)
        {
            var inline = text[prefix..];
            var problems = new List<string>();
            if (inline.Length > 0 && !string.IsNullOrEmpty(table) && inline != table)
            {
                problems.Add($"the table is named twice ('{inline}' and --table '{table}'); give it once");
            }

            var name = inline.Length > 0 ? inline : table;
            if (string.IsNullOrEmpty(name))
            {
                problems.Add("postgres: needs a table, as postgres:TABLE or with --table");
            }

            var conn = connection ?? (environment ?? Environment.GetEnvironmentVariable)(ConnectionVariable);
            if (string.IsNullOrWhiteSpace(conn))
            {
                problems.Add($"no PostgreSQL connection: give --connection or set {ConnectionVariable}");
            }

            return problems.Count == 0 ? Postgres(conn!, name!) : throw new InvalidOptionsException("location", problems);
        }

        if (!string.IsNullOrEmpty(table))
        {
            throw new InvalidOptionsException("location", [$"--table '{table}' was given but '{text}' is a file; use sqlite:FILE or postgres: for a database table"]);
        }

        return File(text);
    }

    /// <summary>The location for messages: the path, or the table and server; never a password.</summary>
    public override string ToString() => Kind switch
    {
        TableLocationKind.Sqlite => $"sqlite:{Path} table {SqlIdentifier.Quote(Table!)}",
        TableLocationKind.Postgres => $"postgres table {SqlIdentifier.Quote(Table!)} on {PostgresConnection.Describe(Connection!)}",
        _ => Path!,
    };
}
