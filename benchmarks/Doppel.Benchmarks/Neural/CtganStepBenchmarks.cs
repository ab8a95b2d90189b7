using BenchmarkDotNet.Attributes;

namespace Doppel.Benchmarks.Neural;

/// <summary>A complete CTGAN-shaped training step (critic with gradient penalty, then generator) at Adult's width.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CtganStepBenchmarks
{
    private CtganShapedTrainer _oneThread = null!;
    private CtganShapedTrainer _twoThreads = null!;

    [GlobalSetup]
    public void Setup()
    {
        _oneThread = new CtganShapedTrainer(seed: 1, maxThreads: 1);
        _twoThreads = new CtganShapedTrainer(seed: 1, maxThreads: 2);
        for (var i = 0; i < 3; i++)
        {
            _oneThread.Step();
            _twoThreads.Step();
        }
    }

    [Benchmark(Baseline = true)]
    public float StepOneThread() => _oneThread.Step();

    [Benchmark]
    public float StepTwoThreads() => _twoThreads.Step();
}
