using BenchmarkDotNet.Attributes;
using Doppel.Data;

namespace Doppel.Benchmarks.Data;

/// <summary>
/// Reading and writing a generated CSV of 1,000,000 rows and 15 columns (6 integer, 5 real, 3 categorical, 1 yes/no;
/// about 93 MB); baseline: Sep parsing the same file without building anything. MB/s = file size / mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class LargeCsvBenchmarks
{
    private string _folder = "";
    private string _path = "";
    private Table _table = null!;
    private CsvReadOptions _withSchema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "doppel-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "large.csv");
        var bytes = GeneratedCsv.Write(_path, 1_000_000, seed: 42);
        Console.WriteLine($"// generated {_path}: {bytes:N0} bytes");
        _table = CsvTableReader.Read(_path);
        _withSchema = new CsvReadOptions { Schema = _table.Schema };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public long SepRawParse() => CsvBenchmarkFiles.SepRawParse(_path);

    [Benchmark]
    public Table ReadTable() => CsvTableReader.Read(_path);

    [Benchmark]
    public Table ReadTableWithSchema() => CsvTableReader.Read(_path, _withSchema);

    [Benchmark]
    public void WriteTable() => CsvTableWriter.Write(_table, Stream.Null);
}
