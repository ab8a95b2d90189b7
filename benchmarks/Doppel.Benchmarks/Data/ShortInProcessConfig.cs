using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Doppel.Benchmarks.Data;

/// <summary>
/// The short job (3 warm-ups, 3 measured iterations) run inside the benchmark process: no per-benchmark project
/// build, which on a busy 2-core machine can outlast BenchmarkDotNet's build timeout.
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
}
