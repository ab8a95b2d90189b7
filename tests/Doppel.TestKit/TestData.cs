using Doppel.Data;

namespace Doppel.TestKit;

/// <summary>Where the bundled data files live, found from the test's working folder upwards.</summary>
public static class TestData
{
    /// <summary>The repository root (the folder holding Doppel.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The path of a bundled data file, for example <c>adult.csv</c>.</summary>
    public static string File(string name) => Path.Combine(RepositoryRoot, "data", name);

    /// <summary>A fresh, empty temporary folder, deleted when the returned handle is disposed.</summary>
    public static TempFolder TempFolder() => new();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Doppel.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Doppel.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    internal TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "doppel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A CSV of <see cref="TestTables.Mixed"/> with this many rows (seed 3) in the folder, written once.</summary>
    public string MixedCsv(int rows)
    {
        var path = File($"mixed{rows}.csv");
        if (!System.IO.File.Exists(path))
        {
            CsvTableWriter.Write(TestTables.Mixed(rows, 3), path);
        }

        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
