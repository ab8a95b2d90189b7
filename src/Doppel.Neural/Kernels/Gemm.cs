using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Doppel.Neural.Kernels;

/// <summary>
/// Single-precision general matrix product on row-major buffers: <c>C = op(A) · op(B)</c>, or
/// <c>C += op(A) · op(B)</c> when <c>accumulate</c> is set.
/// </summary>
/// <remarks>
/// <para>
/// <c>op(A)</c> is <c>m × k</c>: A is stored <c>m × k</c>, or <c>k × m</c> when <c>transposeA</c> is set.
/// <c>op(B)</c> is <c>k × n</c>: B is stored <c>k × n</c>, or <c>n × k</c> when <c>transposeB</c> is set.
/// C is stored <c>m × n</c>. The transposed forms serve the backward passes (<c>dX = dY · Wᵀ</c>,
/// <c>dW = Xᵀ · dY</c>).
/// </para>
/// <para>
/// The kernel follows the GotoBLAS/BLIS scheme: the inner dimension is cut into blocks of at most
/// <see cref="MaxKc"/>; for each block a <c>kc × nc</c> slice of <c>op(B)</c> is packed into
/// 32-column panels that stay in the 1 MB L2 cache, and for each strip of 6 rows of <c>op(A)</c> a
/// <c>6 × kc</c> panel is packed that stays in L1. A register-blocked micro-kernel then multiplies
/// one A panel by one B panel into a 6 × 32 tile of C held in twelve <c>Vector512</c> accumulators.
/// Transposed operands differ only in how they are packed.
/// </para>
/// <para>
/// Every element of C is computed by the same sequence of operations whatever the number of threads
/// (threads only split C into independent blocks; the inner dimension is never split between
/// threads), so results are bit-identical on one or many threads.
/// </para>
/// </remarks>
internal static partial class Gemm
{
    /// <summary>Rows of the register tile (rows of <c>op(A)</c> per packed A panel).</summary>
    internal const int Mr = 6;

    /// <summary>Columns of the register tile (columns of <c>op(B)</c> per packed B panel).</summary>
    internal const int Nr = 32;

    /// <summary>Largest block of the inner dimension: a 6 × kc A panel (9 KB) stays in the 32 KB L1.</summary>
    internal const int MaxKc = 384;

    /// <summary>Floats of packed B per thread: a kc × nc block of 512 KB stays in the 1 MB L2.</summary>
    internal const int PackedBFloats = 128 * 1024;

    /// <summary>
    /// Below this many multiply-adds (m·n·k), about 70 µs on one core, waking a second thread costs
    /// more than it saves: at best of 3,000 runs, 96 × 128 × 128 (1.6 M) took 35 µs on two threads
    /// against 28 µs on one, and 384 × 128 × 128 (6.3 M) took 57 µs against 109 µs.
    /// </summary>
    internal const long ParallelThreshold = 1L << 22;

    /// <summary>The micro-kernel this machine runs best.</summary>
    internal static readonly GemmKernel BestKernel =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? GemmKernel.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmKernel.Vector256
        : GemmKernel.Scalar;

    /// <summary>Computes <c>C (=|+=) op(A) · op(B)</c>.</summary>
    /// <param name="a">A, row-major, <c>m·k</c> values.</param>
    /// <param name="b">B, row-major, <c>k·n</c> values.</param>
    /// <param name="c">C, row-major, <c>m·n</c> values.</param>
    /// <param name="m">Rows of <c>op(A)</c> and C.</param>
    /// <param name="n">Columns of <c>op(B)</c> and C.</param>
    /// <param name="k">The inner dimension.</param>
    /// <param name="transposeA">A is stored <c>k × m</c>.</param>
    /// <param name="transposeB">B is stored <c>n × k</c>.</param>
    /// <param name="accumulate">Add the product to C instead of overwriting it.</param>
    /// <param name="maxThreads">Upper bound on threads; -1 lets the kernel decide.</param>
    /// <exception cref="ArgumentException">A buffer is shorter than its shape requires.</exception>
    public static void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA = false, bool transposeB = false, bool accumulate = false, int maxThreads = -1) =>
        Multiply(a, b, c, m, n, k, transposeA, transposeB, accumulate, maxThreads, BestKernel);

    /// <summary>As the public overload, with the micro-kernel chosen by the caller (tests run every path).</summary>
    internal static unsafe void Multiply(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k,
        bool transposeA, bool transposeB, bool accumulate, int maxThreads, GemmKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if ((long)m * k > a.Length || (long)k * n > b.Length || (long)m * n > c.Length)
        {
            throw new ArgumentException($"Buffers too short for a {m}x{k} by {k}x{n} product.");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }

            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var problem = new Problem(pa, pb, pc, m, n, k, transposeA, transposeB, accumulate, kernel);
            var threads = ThreadsFor(m, n, k, maxThreads);
            var tasks = problem.PlanTasks(threads, out var planned);
            if (threads <= 1 || tasks <= 1 || !Workers.TryRun(planned, tasks, threads))
            {
                for (var t = 0; t < tasks; t++)
                {
                    planned.RunTask(t);
                }
            }
        }
    }

    private static int ThreadsFor(int m, int n, int k, int maxThreads)
    {
        var cap = maxThreads < 0 ? Environment.ProcessorCount : Math.Min(maxThreads, Environment.ProcessorCount);
        return cap <= 1 || (long)m * n * k < ParallelThreshold ? 1 : cap;
    }
}

/// <summary>The register-tile implementations of the micro-kernel.</summary>
internal enum GemmKernel
{
    /// <summary>Portable scalar loops, for machines without 256-bit FMA.</summary>
    Scalar,

    /// <summary>Twelve <c>Vector256</c> accumulators over each 16-column half of the tile.</summary>
    Vector256,

    /// <summary>Twelve <c>Vector512</c> accumulators over the whole 6 × 32 tile.</summary>
    Vector512,
}
