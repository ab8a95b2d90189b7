using nietras.SeparatedValues;

namespace Doppel.Benchmarks.Data;

/// <summary>Finds the bundled data and raw-parses a CSV with Sep alone, the baseline of the CSV benchmarks.</summary>
internal static class CsvBenchmarkFiles
{
    /// <summary>The path of a bundled data file, found from the benchmark's folder upwards.</summary>
    public static string Bundled(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Doppel.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Doppel.slnx not found"), "data", name);
    }

    /// <summary>Parses every cell with Sep (unescaped spans, nothing stored) and returns the total cell length.</summary>
    public static long SepRawParse(string path)
    {
        long total = 0;
        using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        foreach (var row in reader)
        {
            for (var c = 0; c < row.ColCount; c++)
            {
                total += row[c].Span.Length;
            }
        }

        return total;
    }
}
