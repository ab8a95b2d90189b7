using Microsoft.Data.Sqlite;

namespace Doppel.Data;

/// <summary>Small helpers shared by the SQLite source and sink.</summary>
internal static class SqliteDatabase
{
    /// <summary>Opens <paramref name="path"/> without pooling, so the file is released when the connection is disposed.</summary>
    /// <exception cref="DataFormatException">The file cannot be opened as a database.</exception>
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DataFormatException(path, null, null, $"cannot open the SQLite database: {e.Message}", e);
        }
    }

    /// <summary>Whether a table called <paramref name="table"/> exists.</summary>
    public static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Runs a statement built only from quoted identifiers and fixed text.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Every name in the text went through SqlIdentifier.Quote; no value is spliced in.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
