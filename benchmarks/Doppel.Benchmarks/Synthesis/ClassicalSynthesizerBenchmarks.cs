using BenchmarkDotNet.Attributes;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.Benchmarks.Synthesis;

/// <summary>
/// Fit plus sample of as many rows as the table has, on the bundled Adult table (32,561 rows, 15 columns), in-process
/// and warm. The independent synthesizer is the baseline; the Gaussian copula is also timed fit-only and sample-only.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ClassicalSynthesizerBenchmarks
{
    private Table _adult = null!;
    private ISynthesizerModel _copula = null!;

    [GlobalSetup]
    public void Setup()
    {
        _adult = CsvTableReader.Read(DataFile("adult.csv"));
        _copula = new GaussianCopulaSynthesizer().Fit(_adult, new FitOptions { Seed = 1 });
    }

    [Benchmark(Baseline = true)]
    public Table IndependentFitSample() =>
        new IndependentSynthesizer().Fit(_adult, new FitOptions { Seed = 1 }).Sample(_adult.RowCount, new SampleOptions { Seed = 2 });

    [Benchmark]
    public Table GaussianCopulaFitSample() =>
        new GaussianCopulaSynthesizer().Fit(_adult, new FitOptions { Seed = 1 }).Sample(_adult.RowCount, new SampleOptions { Seed = 2 });

    [Benchmark]
    public object GaussianCopulaFit() => new GaussianCopulaSynthesizer().Fit(_adult, new FitOptions { Seed = 1 });

    [Benchmark]
    public Table GaussianCopulaSample() => _copula.Sample(_adult.RowCount, new SampleOptions { Seed = 2 });

    /// <summary>The bundled data file, found from the working folder upwards.</summary>
    internal static string DataFile(string name) => BenchmarkFiles.Data(name);
}
