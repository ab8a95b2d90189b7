using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Doppel.Data.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: <c>initdb</c> into a temporary folder, started on a free port of
/// 127.0.0.1 with its socket in that folder, one database created, and everything stopped and deleted at the end.
/// The server programs come from the distribution's package (<c>/usr/lib/postgresql/N/bin</c>, installed by
/// scripts/setup.sh). As root (where <c>initdb</c> refuses to run) the cluster runs as the <c>postgres</c> user.
/// A machine without PostgreSQL fails these tests with a message saying how to install it; they are never skipped.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string? _runAs;

    public PostgresServer()
    {
        _bin = FindBin();
        _runAs = Environment.UserName == "root" ? "postgres" : null;
        _folder = Path.Combine(Path.GetTempPath(), "doppel-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        if (_runAs is not null)
        {
            Run("chown", ["-R", _runAs, _folder], asServerUser: false);
        }

        Port = FreePort();
        var data = Path.Combine(_folder, "data");
        Run(Path.Combine(_bin, "initdb"), ["-D", data, "-U", "doppel", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        Run(Path.Combine(_bin, "pg_ctl"),
        [
            "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"),
        ]);
        using (var connection = new NpgsqlConnection(ConnectionTo("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE DATABASE doppel_test", connection);
            command.ExecuteNonQuery();
        }

        ConnectionString = ConnectionTo("doppel_test");
    }

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string for the test database.</summary>
    public string ConnectionString { get; }

    /// <summary>A location for table <paramref name="table"/> in the test database.</summary>
    public TableLocation Table(string table) => TableLocation.Postgres(ConnectionString, table);

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private string ConnectionTo(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "doppel", Database = database, Pooling = false }.ConnectionString;

    private static string FindBin()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server programs were not found under /usr/lib/postgresql/*/bin; install them with `apt-get install postgresql` (scripts/test.sh does this).");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool asServerUser = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asServerUser && _runAs is not null)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", _runAs, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish in 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
