using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Doppel.Neural.Kernels;

public static partial class Gemm
{
    /// <summary>
    /// One product, cut into tasks: each task owns a block of rows and a block of columns of C and
    /// walks the whole inner dimension, so tasks never touch the same element of C.
    /// </summary>
    internal readonly unsafe struct Problem
    {
        private readonly float* _a;
        private readonly float* _b;
        private readonly float* _c;
        private readonly int _m;
        private readonly int _n;
        private readonly int _k;
        private readonly bool _transposeA;
        private readonly bool _transposeB;
        private readonly bool _accumulate;
        private readonly GemmKernel _kernel;

        // Blocking depends only on the shape, never on the thread count.
        private readonly int _kc;
        private readonly int _nc;
        private readonly int _columnBlocks;
        private readonly int _rowBlock;

        public Problem(float* a, float* b, float* c, int m, int n, int k,
            bool transposeA, bool transposeB, bool accumulate, GemmKernel kernel)
        {
            _a = a;
            _b = b;
            _c = c;
            (_m, _n, _k) = (m, n, k);
            (_transposeA, _transposeB, _accumulate, _kernel) = (transposeA, transposeB, accumulate, kernel);

            // Even blocks: k = 400 becomes two blocks of 200 rather than 384 + 16.
            var kBlocks = (k + MaxKc - 1) / MaxKc;
            _kc = (k + kBlocks - 1) / kBlocks;
            var maxNc = Math.Max(Nr, PackedBFloats / _kc / Nr * Nr);
            var nBlocks = (n + maxNc - 1) / maxNc;
            _nc = RoundUp((n + nBlocks - 1) / nBlocks, Nr);
            _columnBlocks = (n + _nc - 1) / _nc;
            _rowBlock = RoundUp(m, Mr);
        }

        private Problem(in Problem p, int rowBlock)
        {
            this = p;
            _rowBlock = rowBlock;
        }

        /// <summary>Splits the rows so that <paramref name="threads"/> threads share the work; returns the task count.</summary>
        public int PlanTasks(int threads, out Problem planned)
        {
            var rowBlocks = threads <= 1 ? 1 : Math.Max(1, threads * 2 / _columnBlocks);
            planned = new Problem(this, RoundUp((_m + rowBlocks - 1) / rowBlocks, Mr));
            return planned.TaskCount;
        }

        public int TaskCount => ((_m + _rowBlock - 1) / _rowBlock) * _columnBlocks;

        /// <summary>Computes one block of C over the whole inner dimension.</summary>
        public void RunTask(int task)
        {
            var rowStart = task / _columnBlocks * _rowBlock;
            var rowEnd = Math.Min(_m, rowStart + _rowBlock);
            var colStart = task % _columnBlocks * _nc;
            var colEnd = Math.Min(_n, colStart + _nc);
            var buffers = Buffers.ForThisThread();
            for (var p0 = 0; p0 < _k; p0 += _kc)
            {
                var kc = Math.Min(_kc, _k - p0);
                var add = _accumulate || p0 > 0;
                PackB(buffers.B, p0, kc, colStart, colEnd);
                for (var i0 = rowStart; i0 < rowEnd; i0 += Mr)
                {
                    var rows = Math.Min(Mr, rowEnd - i0);

                    // A row-major A is read in place: its six rows are contiguous runs along k.
                    // Transposed A and partial strips are packed (zero-padded) instead.
                    var strip = buffers.A;
                    nint aRow = 1, aStep = Mr;
                    if (!_transposeA && rows == Mr)
                    {
                        strip = _a + ((long)i0 * _k) + p0;
                        (aRow, aStep) = (_k, 1);
                    }
                    else
                    {
                        PackA(buffers.A, i0, rows, p0, kc);
                    }

                    var panel = buffers.B;
                    for (var j0 = colStart; j0 < colEnd; j0 += Nr, panel += kc * Nr)
                    {
                        var cols = Math.Min(Nr, colEnd - j0);
                        var tile = _c + ((long)i0 * _n) + j0;
                        if (rows == Mr && cols == Nr)
                        {
                            RunKernel(_kernel, strip, aRow, aStep, panel, kc, tile, _n, add);
                        }
                        else
                        {
                            RunKernel(_kernel, strip, aRow, aStep, panel, kc, buffers.Tile, Nr, false);
                            AddEdge(buffers.Tile, tile, _n, rows, cols, add);
                        }
                    }
                }
            }
        }

        /// <summary>Packs rows <c>p0..p0+kc</c>, columns <c>j0..j1</c> of op(B) into 32-column panels, zero-padded.</summary>
        private void PackB(float* dst, int p0, int kc, int j0, int j1)
        {
            for (var jp = j0; jp < j1; jp += Nr, dst += kc * Nr)
            {
                var cols = Math.Min(Nr, j1 - jp);
                if (!_transposeB)
                {
                    // op(B)[p, j] = B[p * n + j]: each panel row is a contiguous run of B.
                    var src = _b + ((long)p0 * _n) + jp;
                    for (var p = 0; p < kc; p++, src += _n)
                    {
                        var row = dst + (p * Nr);
                        if (cols == Nr)
                        {
                            Unsafe.CopyBlockUnaligned(row, src, Nr * sizeof(float));
                        }
                        else
                        {
                            Unsafe.CopyBlockUnaligned(row, src, (uint)(cols * sizeof(float)));
                            new Span<float>(row + cols, Nr - cols).Clear();
                        }
                    }
                }
                else
                {
                    // op(B)[p, j] = B[j * k + p]: each column of the panel is a contiguous run of B.
                    for (var j = 0; j < cols; j++)
                    {
                        var src = _b + ((long)(jp + j) * _k) + p0;
                        var col = dst + j;
                        for (var p = 0; p < kc; p++)
                        {
                            col[p * Nr] = src[p];
                        }
                    }

                    for (var j = cols; j < Nr; j++)
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            dst[(p * Nr) + j] = 0f;
                        }
                    }
                }
            }
        }

        /// <summary>Packs rows <c>i0..i0+rows</c>, columns <c>p0..p0+kc</c> of op(A) as kc groups of 6, zero-padded.</summary>
        private void PackA(float* dst, int i0, int rows, int p0, int kc)
        {
            if (!_transposeA)
            {
                // op(A)[i, p] = A[i * k + p]: interleave the 6 rows.
                for (var r = 0; r < rows; r++)
                {
                    var src = _a + ((long)(i0 + r) * _k) + p0;
                    for (var p = 0; p < kc; p++)
                    {
                        dst[(p * Mr) + r] = src[p];
                    }
                }
            }
            else
            {
                // op(A)[i, p] = A[p * m + i]: the 6 values of one p are contiguous.
                var src = _a + ((long)p0 * _m) + i0;
                for (var p = 0; p < kc; p++, src += _m)
                {
                    for (var r = 0; r < rows; r++)
                    {
                        dst[(p * Mr) + r] = src[r];
                    }
                }
            }

            for (var r = rows; r < Mr; r++)
            {
                for (var p = 0; p < kc; p++)
                {
                    dst[(p * Mr) + r] = 0f;
                }
            }
        }

        private static void AddEdge(float* tile, float* c, int ldc, int rows, int cols, bool add)
        {
            for (var r = 0; r < rows; r++, c += ldc, tile += Nr)
            {
                for (var j = 0; j < cols; j++)
                {
                    c[j] = add ? c[j] + tile[j] : tile[j];
                }
            }
        }

        private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
    }

    /// <summary>Packing buffers of one thread, allocated once on the pinned heap and 64-byte aligned.</summary>
    private sealed unsafe class Buffers
    {
        private const int AFloats = Mr * MaxKc;
        private const int TileFloats = Mr * Nr;

        [ThreadStatic]
        private static Buffers? t_current;

        private readonly float[] _storage =
            GC.AllocateUninitializedArray<float>(PackedBFloats + AFloats + TileFloats + 16, pinned: true);

        private Buffers()
        {
            var start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
            B = (float*)((start + 63) & ~(nint)63);
            A = B + PackedBFloats;
            Tile = A + AFloats;
        }

        public float* B { get; }

        public float* A { get; }

        public float* Tile { get; }

        public static Buffers ForThisThread() => t_current ??= new Buffers();
    }
}
