namespace Doppel.Benchmarks;

/// <summary>Where the benchmarks find the repository's bundled data.</summary>
internal static class BenchmarkFiles
{
    /// <summary>The path of a file under the repository's <c>data/</c> folder, found upwards from the benchmark's binaries.</summary>
    public static string Data(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Doppel.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException("Doppel.slnx not found above " + AppContext.BaseDirectory);
        return Path.Combine([root, "data", .. parts]);
    }
}
