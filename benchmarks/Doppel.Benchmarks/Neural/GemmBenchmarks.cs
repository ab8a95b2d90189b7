using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Doppel.Data;
using Doppel.Neural.Kernels;

namespace Doppel.Benchmarks.Neural;

/// <summary>
/// Single-precision matrix products at the shapes of the reference figures (m x k times k x n), on one
/// and two threads, in the three layouts training uses: forward (A·B), weight gradient (Aᵀ·B) and input
/// gradient (A·Bᵀ). The baseline is the straightforward vectorised product: for each row of A, a
/// TensorPrimitives multiply-add of every row of B into the row of C, rows split over the same threads.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GemmColumns))]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private int _m;
    private int _k;
    private int _n;

    /// <summary>m x k x n.</summary>
    [Params("500x256x256", "500x384x256", "5000x256x256", "4096x256x1024", "4096x1024x1024", "1024x1024x1024")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = ParseShape(Shape);
        var rng = new Rng(1);
        _a = new float[_m * _k];
        _b = new float[_k * _n];
        _c = new float[_m * _n];
        rng.FillGaussian(_a);
        rng.FillGaussian(_b);
    }

    [Benchmark(Baseline = true)]
    public void Baseline() =>
        Parallel.For(0, Threads, t =>
        {
            var rows = (_m + Threads - 1) / Threads;
            for (var i = t * rows; i < Math.Min(_m, (t + 1) * rows); i++)
            {
                var c = _c.AsSpan(i * _n, _n);
                c.Clear();
                for (var p = 0; p < _k; p++)
                {
                    TensorPrimitives.MultiplyAdd(_b.AsSpan(p * _n, _n), _a[(i * _k) + p], c, c);
                }
            }
        });

    [Benchmark]
    public void AB() => Gemm.Multiply(_a, _b, _c, _m, _n, _k, maxThreads: Threads);

    [Benchmark]
    public void AtB() => Gemm.Multiply(_a, _b, _c, _m, _n, _k, transposeA: true, maxThreads: Threads);

    [Benchmark]
    public void ABt() => Gemm.Multiply(_a, _b, _c, _m, _n, _k, transposeB: true, maxThreads: Threads);

    internal static (int M, int K, int N) ParseShape(string shape)
    {
        var parts = shape.Split('x');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            int.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// The machine's own single-core ceiling, measured in the same run: twelve independent FMA chains on
/// <c>Vector512</c> (and on <c>Vector256</c>), no memory traffic.
/// </summary>
[Config(typeof(GemmColumns))]
public class FmaPeakBenchmarks
{
    /// <summary>Iterations of the twelve-chain loop per call.</summary>
    internal const int Iterations = 1_000_000;

    [Benchmark(Baseline = true)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Peak256()
    {
        var x = Vector256.Create(1.0000001f);
        var y = Vector256.Create(0.9999999f);
        Vector256<float> c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x, c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
        for (var i = 0; i < Iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, y, x);
            c1 = Vector256.FusedMultiplyAdd(c1, y, x);
            c2 = Vector256.FusedMultiplyAdd(c2, y, x);
            c3 = Vector256.FusedMultiplyAdd(c3, y, x);
            c4 = Vector256.FusedMultiplyAdd(c4, y, x);
            c5 = Vector256.FusedMultiplyAdd(c5, y, x);
            c6 = Vector256.FusedMultiplyAdd(c6, y, x);
            c7 = Vector256.FusedMultiplyAdd(c7, y, x);
            c8 = Vector256.FusedMultiplyAdd(c8, y, x);
            c9 = Vector256.FusedMultiplyAdd(c9, y, x);
            c10 = Vector256.FusedMultiplyAdd(c10, y, x);
            c11 = Vector256.FusedMultiplyAdd(c11, y, x);
        }

        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).ToScalar();
    }

    [Benchmark]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public float Peak512()
    {
        var x = Vector512.Create(1.0000001f);
        var y = Vector512.Create(0.9999999f);
        Vector512<float> c0 = x, c1 = x, c2 = x, c3 = x, c4 = x, c5 = x, c6 = x, c7 = x, c8 = x, c9 = x, c10 = x, c11 = x;
        for (var i = 0; i < Iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, y, x);
            c1 = Vector512.FusedMultiplyAdd(c1, y, x);
            c2 = Vector512.FusedMultiplyAdd(c2, y, x);
            c3 = Vector512.FusedMultiplyAdd(c3, y, x);
            c4 = Vector512.FusedMultiplyAdd(c4, y, x);
            c5 = Vector512.FusedMultiplyAdd(c5, y, x);
            c6 = Vector512.FusedMultiplyAdd(c6, y, x);
            c7 = Vector512.FusedMultiplyAdd(c7, y, x);
            c8 = Vector512.FusedMultiplyAdd(c8, y, x);
            c9 = Vector512.FusedMultiplyAdd(c9, y, x);
            c10 = Vector512.FusedMultiplyAdd(c10, y, x);
            c11 = Vector512.FusedMultiplyAdd(c11, y, x);
        }

        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11).ToScalar();
    }
}

/// <summary>
/// A short job of many brief iterations, so that on a shared machine some iterations run on an idle
/// core, and GFLOP/s columns: from the mean, from the fastest iteration, and that fastest rate as a
/// share of the stated peak (210 GFLOP/s a core, two 16-lane FMAs a cycle).
/// </summary>
public sealed class GemmColumns : ManualConfig
{
    /// <summary>The stated single-core peak.</summary>
    public const double PeakPerCore = 210;

    public GemmColumns()
    {
        AddJob(Job.ShortRun.WithIterationCount(60).WithIterationTime(TimeInterval.FromMilliseconds(5)));
        AddColumn(new RateColumn(Rate.Mean), new RateColumn(Rate.Best), new RateColumn(Rate.BestShare));
    }

    private enum Rate
    {
        Mean,
        Best,
        BestShare,
    }

    private static double Flops(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Type == typeof(FmaPeakBenchmarks))
        {
            var lanes = benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(FmaPeakBenchmarks.Peak512) ? 16 : 8;
            return 2.0 * 12 * lanes * FmaPeakBenchmarks.Iterations;
        }

        var (m, k, n) = GemmBenchmarks.ParseShape((string)benchmarkCase.Parameters["Shape"]);
        return 2.0 * m * n * k;
    }

    private static int Threads(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.Any(p => p.Name == "Threads") ? (int)benchmarkCase.Parameters["Threads"] : 1;

    private sealed class RateColumn(Rate rate) : IColumn
    {
        public string Id => "Gemm" + rate.ToString();

        public string ColumnName => rate switch
        {
            Rate.Mean => "GFLOP/s",
            Rate.Best => "best GFLOP/s",
            _ => "best % of peak",
        };

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => (int)rate;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => rate switch
        {
            Rate.Mean => "Billions of floating-point operations a second: 2·m·n·k over the mean time",
            Rate.Best => "The same over the fastest iteration's time",
            _ => $"best GFLOP/s as a share of {PeakPerCore} GFLOP/s times the thread count",
        };

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            var nanoseconds = rate == Rate.Mean ? statistics?.Mean : statistics?.Min;
            if (nanoseconds is not > 0)
            {
                return "-";
            }

            var gflops = Flops(benchmarkCase) / nanoseconds.Value;
            return rate == Rate.BestShare
                ? (100 * gflops / (PeakPerCore * Threads(benchmarkCase))).ToString("F0", CultureInfo.InvariantCulture) + "%"
                : gflops.ToString("F1", CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
