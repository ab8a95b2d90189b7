using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Doppel.Neural.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// One product, cut into tasks: each task owns a block of rows and a block of columns of C and
    /// walks the whole inner dimension, so tasks never touch the same element of C.
    /// </summary>
    internal readonly unsafe struct Problem
    {
        private const int MinTaskRows = 48;
        private const int MinTaskColumns = 2 * Nr;

        /// <summary>
        /// Numbers every product, so a thread can tell whether its packed B belongs to this one (the
        /// one piece of mutable static state besides the per-thread buffers and the helper pool).
        /// </summary>
        private static long s_lastId;

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
        private readonly long _id;

        // Blocking of the inner dimension depends only on the shape, never on the thread count.
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
            _id = Interlocked.Increment(ref s_lastId);

            // Even blocks: k = 400 becomes two blocks of 200 rather than 384 + 16.
            var kBlocks = (k + MaxKc - 1) / MaxKc;
            _kc = (k + kBlocks - 1) / kBlocks;
            var maxNc = Math.Max(Nr, PackedBFloats / _kc / Nr * Nr);
            var nBlocks = (n + maxNc - 1) / maxNc;
            _nc = RoundUp((n + nBlocks - 1) / nBlocks, Nr);
            _columnBlocks = (n + _nc - 1) / _nc;
            _rowBlock = RoundUp(m, Mr);
        }

        private Problem(in Problem p, int rowBlock, int nc)
        {
            this = p;
            _rowBlock = rowBlock;
            _nc = nc;
            _columnBlocks = (p._n + nc - 1) / nc;
        }

        /// <summary>
        /// Splits C so that <paramref name="threads"/> threads share the work; returns the task count.
        /// About six tasks a thread let a thread that starts late or is preempted do less. Rows are
        /// split first, keeping at least 48 a task so that packing its B block stays cheap next to its
        /// arithmetic; when that leaves fewer than three tasks a thread, columns are split too (down to
        /// 64 a task). Neither split changes any element's arithmetic.
        /// </summary>
        public int PlanTasks(int threads, out Problem planned)
        {
            if (threads <= 1)
            {
                planned = this;
                return TaskCount;
            }

            var wantedTasks = threads * 6;
            var rowBlocks = Math.Clamp((wantedTasks + _columnBlocks - 1) / _columnBlocks, 1, Math.Max(1, _m / MinTaskRows));
            var nc = _nc;
            if (rowBlocks * _columnBlocks < threads * 3)
            {
                var columnBlocks = (wantedTasks + rowBlocks - 1) / rowBlocks;
                nc = Math.Min(_nc, Math.Max(MinTaskColumns, RoundUp((_n + columnBlocks - 1) / columnBlocks, Nr)));
            }

            planned = new Problem(this, RoundUp((_m + rowBlocks - 1) / rowBlocks, Mr), nc);
            return planned.TaskCount;
        }

        public int TaskCount => ((_m + _rowBlock - 1) / _rowBlock) * _columnBlocks;

        /// <summary>Computes one block of C over the whole inner dimension.</summary>
        public void RunTask(int task)
        {
            // Consecutive tasks share a column block, so a thread that takes two in a row can keep
            // its packed B when the inner dimension is a single block.
            var rowBlocks = (_m + _rowBlock - 1) / _rowBlock;
            var rowStart = task % rowBlocks * _rowBlock;
            var rowEnd = Math.Min(_m, rowStart + _rowBlock);
            var colStart = task / rowBlocks * _nc;
            var colEnd = Math.Min(_n, colStart + _nc);
            var buffers = Buffers.ForThisThread();
            for (var p0 = 0; p0 < _k; p0 += _kc)
            {
                var kc = Math.Min(_kc, _k - p0);
                var add = _accumulate || p0 > 0;
                if (!buffers.Holds(_id, colStart, p0))
                {
                    PackB(buffers.B, p0, kc, colStart, colEnd);
                    buffers.Record(_id, colStart, p0);
                }
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
                if (_transposeB)
                {
                    Packing.PanelFromColumns(_b + ((long)jp * _k) + p0, _k, kc, cols, dst);
                }
                else
                {
                    Packing.PanelFromRows(_b + ((long)p0 * _n) + jp, _n, kc, cols, dst);
                }
            }
        }

        /// <summary>Packs rows <c>i0..i0+rows</c>, columns <c>p0..p0+kc</c> of op(A) as kc groups of 6, zero-padded.</summary>
        private void PackA(float* dst, int i0, int rows, int p0, int kc)
        {
            if (_transposeA)
            {
                Packing.StripFromColumns(_a + ((long)p0 * _m) + i0, _m, kc, rows, fullWidth: i0 + 8 <= _m, dst);
            }
            else
            {
                Packing.StripFromRows(_a + ((long)i0 * _k) + p0, _k, kc, rows, dst);
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
        private const int AFloats = (Mr * MaxKc) + 16;
        private const int TileFloats = Mr * Nr;

        [ThreadStatic]
        private static Buffers? t_current;

        private long _product;
        private int _column;
        private int _depth;

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

        /// <summary>Whether <see cref="B"/> holds the block at column <paramref name="column"/>, depth <paramref name="depth"/> of product <paramref name="product"/>.</summary>
        public bool Holds(long product, int column, int depth) =>
            _product == product && _column == column && _depth == depth;

        public void Record(long product, int column, int depth) => (_product, _column, _depth) = (product, column, depth);
    }
}
