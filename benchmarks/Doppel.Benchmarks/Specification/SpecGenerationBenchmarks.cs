using BenchmarkDotNet.Attributes;
using Doppel.Synthesis.Specification;

namespace Doppel.Benchmarks.Specification;

/// <summary>
/// Time to generate 100,000 rows from each bundled specification with each method, feasibility check included.
/// Plain NORTA is the baseline. Accuracy figures come from <c>benchmarks/Doppel.SpecAccuracy</c>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SpecGenerationBenchmarks
{
    private GenerationSpec _spec = null!;

    /// <summary>The specification file under <c>data/specs</c>.</summary>
    [Params("readme_example_2d", "hard6_feasible", "seed_train_py_12d")]
    public string Spec { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _spec = SpecJson.Read(BenchmarkFiles.Data("specs", Spec + ".json"));
    }

    [Benchmark(Baseline = true)]
    public int Norta() => Run(SpecMethod.Norta);

    [Benchmark]
    public int ImanConover() => Run(SpecMethod.ImanConover);

    [Benchmark]
    public int Auto() => Run(SpecMethod.Auto);

    private int Run(SpecMethod method) =>
        SpecGenerator.Generate(_spec, 100_000, new SpecGenerationOptions { Method = method, Seed = 1 }).Table.RowCount;
}
