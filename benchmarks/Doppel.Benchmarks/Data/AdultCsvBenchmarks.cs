using BenchmarkDotNet.Attributes;
using Doppel.Data;

namespace Doppel.Benchmarks.Data;

/// <summary>Reading and writing data/adult.csv (3.8 MB, 32,561 rows, 15 columns); baseline: Sep parsing the same file without building anything.</summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class AdultCsvBenchmarks
{
    private string _path = "";
    private Table _table = null!;
    private CsvReadOptions _withSchema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = CsvBenchmarkFiles.Bundled("adult.csv");
        _table = CsvTableReader.Read(_path);
        _withSchema = new CsvReadOptions { Schema = _table.Schema };
    }

    [Benchmark(Baseline = true)]
    public long SepRawParse() => CsvBenchmarkFiles.SepRawParse(_path);

    [Benchmark]
    public Table ReadTable() => CsvTableReader.Read(_path);

    [Benchmark]
    public Table ReadTableWithSchema() => CsvTableReader.Read(_path, _withSchema);

    [Benchmark]
    public void WriteTable() => CsvTableWriter.Write(_table, Stream.Null);
}
