using BenchmarkDotNet.Attributes;
using Doppel.Benchmarks.Data;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.KernelDensity;
using Doppel.Synthesis.Mixtures;
using Doppel.Synthesis.Smote;

namespace Doppel.Benchmarks.Classical;

/// <summary>
/// The classical synthesizers' speed figures on Adult: kde sampling of 1,000,000 rows, smote's exact neighbours
/// for all 32,561 rows (the BIC sweep is in <see cref="GmmSweepBenchmarks"/>). The baseline is a single
/// full-covariance EM fit with k = 1 on the six numeric columns.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class ClassicalBenchmarks
{
    private Table _adult = null!;
    private Table _numeric = null!;
    private ISynthesizerModel _kde = null!;

    [GlobalSetup]
    public void Setup()
    {
        _adult = CsvTableReader.Read(BenchmarkFiles.Data("adult.csv"));
        _numeric = _adult.Select(["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]);
        _kde = new KdeSynthesizer().Fit(_adult, new FitOptions { Seed = 0 });
    }

    [Benchmark(Baseline = true)]
    public object GmmOneComponent() =>
        new GmmSynthesizer(new GmmOptions { MinComponents = 1, MaxComponents = 1 }).Fit(_numeric, new FitOptions { Seed = 0 });

    [Benchmark]
    public int KdeSampleMillion() => _kde.Sample(1_000_000, new SampleOptions { Seed = 1 }).RowCount;

    [Benchmark]
    public object SmoteFitAdult() => new SmoteSynthesizer().Fit(_adult, new FitOptions { Seed = 0 });
}
