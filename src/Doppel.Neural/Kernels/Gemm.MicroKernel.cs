using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Doppel.Neural.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// Multiplies a 6 × kc block of op(A) by a packed kc × 32 B panel into the 6 × 32 tile at
    /// <paramref name="c"/> (row stride <paramref name="ldc"/>), adding to it when <paramref name="add"/> is set.
    /// Element (r, p) of the A block is read at <c>a[r·aRow + p·aStep]</c>: a packed panel has
    /// (aRow, aStep) = (1, 6), rows of a row-major A read in place have (lda, 1).
    /// </summary>
    private static unsafe void RunKernel(
        GemmKernel kernel, float* a, nint aRow, nint aStep, float* b, int kc, float* c, int ldc, bool add)
    {
        switch (kernel)
        {
            case GemmKernel.Vector512:
                Kernel512(a, aRow, aStep, b, kc, c, ldc, add);
                break;
            case GemmKernel.Vector256:
                Kernel256(a, aRow, aStep, b, kc, c, ldc, add);
                break;
            default:
                KernelScalar(a, aRow, aStep, b, kc, c, ldc, add);
                break;
        }
    }

    // The micro-kernels are leaves: their loops call nothing, so the twelve accumulators stay in
    // registers (every vector register is caller-saved, so a call would force them to the stack).
    // Each step loads two B vectors, broadcasts six A values and issues twelve independent FMAs,
    // enough to cover the FMA latency on both pipes. The six A rows have their own base pointers
    // and share one offset, so every broadcast is a single load with no address arithmetic.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel512(float* a, nint aRow, nint aStep, float* b, int kc, float* c, int ldc, bool add)
    {
        PrefetchTile(c, ldc);
        var a0 = a;
        var a1 = a0 + aRow;
        var a2 = a1 + aRow;
        var a3 = a2 + aRow;
        var a4 = a3 + aRow;
        var a5 = a4 + aRow;
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        nint o = 0;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadAligned(b);
            var b1 = Vector512.LoadAligned(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a0[o]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[o]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[o]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[o]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a4[o]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a5[o]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            o += aStep;
            b += Nr;
        }

        Store512(c + (ldc * 0), c00, c01, add);
        Store512(c + (ldc * 1), c10, c11, add);
        Store512(c + (ldc * 2), c20, c21, add);
        Store512(c + (ldc * 3), c30, c31, add);
        Store512(c + (ldc * 4), c40, c41, add);
        Store512(c + (ldc * 5), c50, c51, add);
    }

    /// <summary>The same tile as two 6 × 16 halves, each in twelve <c>Vector256</c> accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel256(float* a, nint aRow, nint aStep, float* bPanel, int kc, float* c, int ldc, bool add)
    {
        PrefetchTile(c, ldc);
        for (var h = 0; h < Nr; h += 16)
        {
            var a0 = a;
            var a1 = a0 + aRow;
            var a2 = a1 + aRow;
            var a3 = a2 + aRow;
            var a4 = a3 + aRow;
            var a5 = a4 + aRow;
            Vector256<float> c00 = default, c01 = default;
            Vector256<float> c10 = default, c11 = default;
            Vector256<float> c20 = default, c21 = default;
            Vector256<float> c30 = default, c31 = default;
            Vector256<float> c40 = default, c41 = default;
            Vector256<float> c50 = default, c51 = default;
            var b = bPanel + h;
            nint o = 0;
            for (var p = 0; p < kc; p++)
            {
                var b0 = Vector256.Load(b);
                var b1 = Vector256.Load(b + 8);
                Vector256<float> x;
                x = Vector256.Create(a0[o]);
                c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
                c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
                x = Vector256.Create(a1[o]);
                c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
                c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
                x = Vector256.Create(a2[o]);
                c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
                c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
                x = Vector256.Create(a3[o]);
                c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
                c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
                x = Vector256.Create(a4[o]);
                c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
                c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
                x = Vector256.Create(a5[o]);
                c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
                c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
                o += aStep;
                b += Nr;
            }

            Store256(c + (ldc * 0) + h, c00, c01, add);
            Store256(c + (ldc * 1) + h, c10, c11, add);
            Store256(c + (ldc * 2) + h, c20, c21, add);
            Store256(c + (ldc * 3) + h, c30, c31, add);
            Store256(c + (ldc * 4) + h, c40, c41, add);
            Store256(c + (ldc * 5) + h, c50, c51, add);
        }
    }

    private static unsafe void KernelScalar(float* a, nint aRow, nint aStep, float* b, int kc, float* c, int ldc, bool add)
    {
        for (var r = 0; r < Mr; r++)
        {
            for (var j = 0; j < Nr; j++)
            {
                var sum = 0f;
                for (var p = 0; p < kc; p++)
                {
                    sum += a[(r * aRow) + (p * aStep)] * b[(p * Nr) + j];
                }

                var dst = c + (r * ldc) + j;
                *dst = add ? *dst + sum : sum;
            }
        }
    }

    /// <summary>
    /// Starts loading the C tile while the kernel computes: a tile spans six rows of C, often far
    /// apart in memory, and waiting for them at the end would stall the core.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchTile(float* c, int ldc)
    {
        if (Sse.IsSupported)
        {
            for (var r = 0; r < Mr; r++, c += ldc)
            {
                Sse.Prefetch0(c);
                Sse.Prefetch0(c + 16);
                Sse.Prefetch0(c + Nr - 1);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store512(float* c, Vector512<float> x0, Vector512<float> x1, bool add)
    {
        if (add)
        {
            x0 += Vector512.Load(c);
            x1 += Vector512.Load(c + 16);
        }

        x0.Store(c);
        x1.Store(c + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store256(float* c, Vector256<float> x0, Vector256<float> x1, bool add)
    {
        if (add)
        {
            x0 += Vector256.Load(c);
            x1 += Vector256.Load(c + 8);
        }

        x0.Store(c);
        x1.Store(c + 8);
    }
}
