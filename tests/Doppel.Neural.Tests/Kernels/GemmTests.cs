using CsCheck;
using Doppel.Data;
using Doppel.Neural.Kernels;

namespace Doppel.Neural.Tests.Kernels;

public sealed class GemmTests
{
    private static readonly GemmKernel[] Kernels = [GemmKernel.Scalar, GemmKernel.Vector256, GemmKernel.Vector512];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Multiply_EveryShapeOnAStrideUpTo70_MatchesNaiveLoop(int kernelIndex)
    {
        var kernel = Kernels[kernelIndex];
        var rng = new Rng(11);
        int[] sizes = [0, 1, 5, 6, 7, 13, 31, 32, 33, 47, 64, 70];

        foreach (var m in sizes)
        {
            foreach (var n in sizes)
            {
                foreach (var k in sizes)
                {
                    var transposes = (m * 7) + (n * 3) + k;
                    CheckAgainstNaive(rng, m, n, k, (transposes & 1) != 0, (transposes & 2) != 0,
                        accumulate: (transposes & 4) != 0, maxThreads: 1, kernel);
                }
            }
        }
    }

    [Fact]
    public void Multiply_RandomShapesTransposesAndAccumulate_MatchesNaiveLoop()
    {
        var gen = Gen.Select(Gen.Int[0, 70], Gen.Int[0, 70], Gen.Int[0, 70], Gen.Int[0, 15], Gen.Int[0, 2], Gen.UInt);

        gen.Sample((m, n, k, flags, kernel, seed) => CheckAgainstNaive(new Rng(seed), m, n, k,
            (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0 ? 2 : 1, Kernels[kernel]),
            iter: 300, threads: 1);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Multiply_LargeShapeSeveralBlocksEachWay_MatchesNaiveLoop(bool transposeA, bool transposeB)
    {
        // k = 800 makes three inner blocks; n = 1100 makes two column blocks; m = 97 leaves a partial row strip.
        CheckAgainstNaive(new Rng(5), 97, 1100, 800, transposeA, transposeB, accumulate: true, maxThreads: -1,
            Gemm.BestKernel);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Multiply_TwoThreadsOneInnerBlock_MatchesNaiveLoop(bool transposeA, bool transposeB)
    {
        // One inner block, one column block, many row tasks: threads reuse their packed B between tasks.
        CheckAgainstNaive(new Rng(6), 390, 150, 120, transposeA, transposeB, accumulate: false, maxThreads: 2,
            Gemm.BestKernel);
    }

    [Fact]
    public void Multiply_TwoThreadsFewRows_MatchesNaiveLoop()
    {
        // 50 rows make one row task, so the threads split the columns instead.
        CheckAgainstNaive(new Rng(7), 50, 700, 200, transposeA: false, transposeB: true, accumulate: true,
            maxThreads: 2, Gemm.BestKernel);
    }

    [Theory]
    [InlineData(500, 256, 256, false, false)]
    [InlineData(131, 1000, 385, true, false)]
    [InlineData(257, 190, 700, false, true)]
    [InlineData(100, 64, 4096, true, true)]
    [InlineData(50, 1500, 256, false, true)]
    [InlineData(40, 300, 1000, false, false)]
    public void Multiply_OneAndTwoThreads_BitIdentical(int m, int n, int k, bool transposeA, bool transposeB)
    {
        var rng = new Rng(21);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c0 = Random(rng, m * n);
        var one = (float[])c0.Clone();
        var two = (float[])c0.Clone();

        Gemm.Multiply(a, b, one, m, n, k, transposeA, transposeB, accumulate: true, maxThreads: 1);
        Gemm.Multiply(a, b, two, m, n, k, transposeA, transposeB, accumulate: true, maxThreads: 2);

        Assert.Equal(one, two);
    }

    [Fact]
    public void Multiply_ConcurrentCallers_EachGetsItsOwnResult()
    {
        const int m = 300, n = 200, k = 150;
        var rng = new Rng(8);
        var a = Random(rng, m * k);
        var bs = Enumerable.Range(0, 4).Select(_ => Random(rng, k * n)).ToArray();
        var expected = bs.Select(b =>
        {
            var c = new float[m * n];
            Gemm.Multiply(a, b, c, m, n, k, maxThreads: 1);
            return c;
        }).ToArray();

        var actual = new float[4][];
        System.Threading.Tasks.Parallel.For(0, 4, i =>
        {
            actual[i] = new float[m * n];
            for (var repeat = 0; repeat < 5; repeat++)
            {
                Gemm.Multiply(a, bs[i], actual[i], m, n, k, maxThreads: 2);
            }
        });

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Multiply_ManyTwoThreadCallsInARow_EachMatchesOneThread()
    {
        // Just above the parallel threshold, so helpers often arrive after the caller has finished.
        const int m = 200, n = 100, k = 256;
        var rng = new Rng(9);
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var expected = new float[m * n];
        Gemm.Multiply(a, b, expected, m, n, k, maxThreads: 1);
        var actual = new float[m * n];

        for (var call = 0; call < 300; call++)
        {
            actual.AsSpan().Clear();
            Gemm.Multiply(a, b, actual, m, n, k, transposeB: false, maxThreads: 2);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Multiply_LargerOutputBuffer_WritesOnlyTheProduct()
    {
        var rng = new Rng(3);
        var a = Random(rng, 7 * 9);
        var b = Random(rng, 9 * 33);
        var c = Enumerable.Repeat(42f, (7 * 33) + 50).ToArray();

        Gemm.Multiply(a, b, c, 7, 33, 9);

        Assert.All(c[(7 * 33)..], x => Assert.Equal(42f, x));
    }

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 5f)]
    public void Multiply_EmptyInnerDimension_ClearsOrKeepsC(bool accumulate, float expected)
    {
        var c = Enumerable.Repeat(5f, 12).ToArray();

        Gemm.Multiply([], [], c, 3, 4, 0, accumulate: accumulate);

        Assert.All(c, x => Assert.Equal(expected, x));
    }

    [Fact]
    public void Multiply_BufferTooShort_Throws()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[3];

        Assert.Throws<ArgumentException>(() => Gemm.Multiply(a, b, c, 2, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, b, c, -1, 2, 3));
    }

    [Fact]
    public void Multiply_SteadyState_AllocatesNothing()
    {
        var rng = new Rng(4);
        var a = Random(rng, 100 * 300);
        var b = Random(rng, 300 * 200);
        var c = new float[100 * 200];
        Gemm.Multiply(a, b, c, 100, 200, 300, transposeA: true, maxThreads: 1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Gemm.Multiply(a, b, c, 100, 200, 300, transposeA: true, maxThreads: 1);
        Gemm.Multiply(a, b, c, 100, 200, 300, transposeB: true, accumulate: true, maxThreads: 1);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void CheckAgainstNaive(Rng rng, int m, int n, int k, bool transposeA, bool transposeB,
        bool accumulate, int maxThreads, GemmKernel kernel)
    {
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c0 = Random(rng, m * n);
        var c = (float[])c0.Clone();

        Gemm.Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate, maxThreads, kernel);

        var (expected, tolerance) = NaiveGemm.Multiply(a, b, c0, m, n, k, transposeA, transposeB, accumulate);
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(c[i] - expected[i]) > tolerance[i])
            {
                Assert.Fail($"{m}x{k} by {k}x{n} (transposeA {transposeA}, transposeB {transposeB}, accumulate "
                    + $"{accumulate}, {kernel}, {maxThreads} threads): C[{i / n},{i % n}] = {c[i]} but the exact value "
                    + $"is {expected[i]}, beyond the bound 2(k+2)u·(Σ|a·b| + |c0|) = {tolerance[i]:G3}");
            }
        }
    }

    private static float[] Random(Rng rng, int length)
    {
        var values = new float[length];
        rng.FillGaussian(values);
        return values;
    }
}
