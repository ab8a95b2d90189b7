using System.Globalization;
using Npgsql;

namespace Doppel.Data;

/// <summary>Parses PostgreSQL connection settings (keyword form or <c>postgresql://</c> URI) and describes them without the password.</summary>
internal static class PostgresConnection
{
    /// <summary>The settings as an Npgsql keyword connection string.</summary>
    /// <exception cref="InvalidOptionsException">The settings cannot be parsed; the message does not repeat them.</exception>
    public static string Normalize(string connection)
    {
        try
        {
            var builder = connection.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
                connection.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(new Uri(connection))
                : new NpgsqlConnectionStringBuilder(connection);
            return builder.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw new InvalidOptionsException("PostgreSQL connection",
                ["the connection is neither 'Host=...;Database=...' keywords nor a postgresql://user@host:port/database URI (not repeated here as it may hold a password)"]);
        }
    }

    /// <summary>host:port/database, for messages.</summary>
    public static string Describe(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>Opens a connection, turning a failure into a message that names the server but not the password.</summary>
    /// <exception cref="DoppelException">The server cannot be reached or refuses the login.</exception>
    public static NpgsqlConnection Open(string connection)
    {
        var result = new NpgsqlConnection(connection);
        try
        {
            result.Open();
            return result;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            result.Dispose();
            throw new DoppelException($"cannot connect to PostgreSQL at {Describe(connection)}: {Scrub(e.Message, connection)}", e);
        }
    }

    /// <summary>Removes the password from a server or driver message, in case it was echoed.</summary>
    public static string Scrub(string message, string connection)
    {
        var password = new NpgsqlConnectionStringBuilder(connection).Password;
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder FromUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            builder[key == "host" ? "Host" : key] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
        }

        return builder;
    }
}
