using Npgsql;

namespace Doppel.Data;

/// <summary>Small helpers shared by the PostgreSQL source and sink.</summary>
internal static class PostgresDatabase
{
    /// <summary>Whether a table or view called <paramref name="table"/> exists on the search path.</summary>
    public static bool TableExists(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.AddWithValue(SqlIdentifier.Quote(table));
        return (bool)command.ExecuteScalar()!;
    }

    /// <summary>The table's columns with their types, in order; empty when there is no such table.</summary>
    public static List<(string Name, string Type)> Columns(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand(
            "SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_attribute a " +
            "WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            connection);
        command.Parameters.AddWithValue(SqlIdentifier.Quote(table));
        using var reader = command.ExecuteReader();
        var result = new List<(string, string)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    /// <summary>Runs a statement built only from quoted identifiers and fixed text.</summary>
    public static void Execute(NpgsqlConnection connection, string sql)
    {
#pragma warning disable CA2100 // Every name in the text went through SqlIdentifier.Quote; no value is spliced in.
        using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    /// <summary>The column type a kind is stored as.</summary>
    public static string TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous => "double precision",
        ColumnKind.Integer => "bigint",
        ColumnKind.Boolean => "boolean",
        ColumnKind.DateTime => "timestamp",
        _ => "text",
    };

    /// <summary>The kind a PostgreSQL type (as <c>format_type</c> names it) is read as; null for text; throws for others.</summary>
    public static ColumnKind? KindOf(string type, string description, string column) => type switch
    {
        "double precision" or "real" or "numeric" => ColumnKind.Continuous,
        "bigint" or "integer" or "smallint" => ColumnKind.Integer,
        "boolean" => ColumnKind.Boolean,
        "timestamp without time zone" or "timestamp with time zone" or "date" => ColumnKind.DateTime,
        "text" or "character varying" or "character" or "name" or "citext" => null,
        _ => throw new DataFormatException(description, null, column,
            $"the column's type ({type}) is not supported; tables hold numbers, booleans, dates and text (cast it in a view)."),
    };
}
