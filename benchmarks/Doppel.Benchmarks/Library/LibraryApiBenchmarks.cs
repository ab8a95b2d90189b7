using BenchmarkDotNet.Attributes;
using Doppel.Data;
using Doppel.Interop;
using Doppel.Synthesis;
using Microsoft.Data.Analysis;

namespace Doppel.Benchmarks.Library;

/// <summary>
/// What the C# entry points and the interop cost on Adult (32,561 rows, 15 columns): sampling through
/// <see cref="SynthesizerModel"/> (sync and <c>await foreach</c>) against the underlying model directly (the
/// baseline), and converting the table to and from a DataFrame and typed records.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LibraryApiBenchmarks
{
    private const int Rows = 32_561;
    private Table _adult = null!;
    private SynthesizerModel _model = null!;
    private DataFrame _frame = null!;
    private List<Person> _people = null!;

    [GlobalSetup]
    public void Setup()
    {
        _adult = Table.ReadCsv(BenchmarkFiles.Data("adult.csv"));
        _model = Synthesizers.GaussianCopula().Fit(_adult, new FitOptions { Seed = 0 });
        _frame = _adult.ToDataFrame();
        _people = [.. _adult.Select(["age", "education", "sex", "income"]).ToRecords<Person>()];
    }

    [Benchmark(Baseline = true)]
    public Table SampleDirect() => _model.Inner.Sample(Rows, new SampleOptions { Seed = 1 });

    [Benchmark]
    public Table SampleThroughApi() => _model.Sample(Rows, seed: 1);

    [Benchmark]
    public async Task<int> SampleBatchesAsync()
    {
        var rows = 0;
        await foreach (var batch in _model.SampleBatchesAsync(Rows, new SampleOptions { Seed = 1, BatchSize = 4_096 }))
        {
            rows += batch.RowCount;
        }

        return rows;
    }

    [Benchmark]
    public DataFrame ToDataFrame() => _adult.ToDataFrame();

    [Benchmark]
    public Table FromDataFrame() => Table.FromDataFrame(_frame, _adult.Schema);

    [Benchmark]
    public Table FromRecords() => Table.FromRecords(_people);

    [Benchmark]
    public IReadOnlyList<Person> ToRecords() => _adult.ToRecords<Person>();

    /// <summary>Four of Adult's columns as a record.</summary>
    public sealed record Person(long Age, string Education, string Sex, string Income);
}
