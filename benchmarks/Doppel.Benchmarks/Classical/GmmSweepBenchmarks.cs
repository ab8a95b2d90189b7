using BenchmarkDotNet.Attributes;
using Doppel.Benchmarks.Data;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Benchmarks.Classical;

/// <summary>
/// The BIC sweep k = 1..20 with full covariance on Adult's six numeric columns (reference: 50.7 s), for seeds 0,
/// 1 and 2, with the options whose choice is stable across seeds (<see cref="StableSweep"/>). The baseline is a
/// single full-covariance EM fit with k = 1 on the same columns.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class GmmSweepBenchmarks
{
    private Table _numeric = null!;

    /// <summary>8 ways tried to add each component (the best kept), and the plain BIC minimum.</summary>
    public static GmmOptions StableSweep { get; } = new() { MaxComponents = 20, Restarts = 8, SelectionTolerance = 0 };

    /// <summary>The seed of the fit.</summary>
    [Params(0UL, 1UL, 2UL)]
    public ulong Seed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var adult = CsvTableReader.Read(BenchmarkFiles.Data("adult.csv"));
        _numeric = adult.Select(["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"]);
    }

    [Benchmark(Baseline = true)]
    public object GmmOneComponent() =>
        new GmmSynthesizer(new GmmOptions { MinComponents = 1, MaxComponents = 1 }).Fit(_numeric, new FitOptions { Seed = Seed });

    [Benchmark]
    public int GmmBicSweep1To20() =>
        ((GmmModel)new GmmSynthesizer(StableSweep).Fit(_numeric, new FitOptions { Seed = Seed })).Chosen.Components;
}
