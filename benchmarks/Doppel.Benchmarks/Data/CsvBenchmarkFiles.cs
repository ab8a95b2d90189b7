using nietras.SeparatedValues;

namespace Doppel.Benchmarks.Data;

/// <summary>Finds the bundled data and raw-parses a CSV with Sep alone, the baseline of the CSV benchmarks.</summary>
internal static class CsvBenchmarkFiles
{
    /// <summary>The path of a bundled data file, found from the benchmark's folder upwards.</summary>
    public static string Bundled(string name) => BenchmarkFiles.Data(name);

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
