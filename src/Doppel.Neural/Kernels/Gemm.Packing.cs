using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Doppel.Neural.Kernels;

internal static partial class Gemm
{
    /// <summary>
    /// Copies blocks of op(A) and op(B) into the layouts the micro-kernel reads: a B panel is kc rows
    /// of 32 floats, an A strip is kc groups of 6 floats. Missing rows or columns are zero.
    /// </summary>
    private static unsafe class Packing
    {
        /// <summary>B panel from a row-major block: row p of the panel is <c>src[p·ld .. p·ld + cols]</c>.</summary>
        public static void PanelFromRows(float* src, int ld, int kc, int cols, float* dst)
        {
            for (var p = 0; p < kc; p++, src += ld, dst += Nr)
            {
                if (cols == Nr)
                {
                    Unsafe.CopyBlockUnaligned(dst, src, Nr * sizeof(float));
                }
                else
                {
                    Unsafe.CopyBlockUnaligned(dst, src, (uint)(cols * sizeof(float)));
                    new Span<float>(dst + cols, Nr - cols).Clear();
                }
            }
        }

        /// <summary>
        /// B panel from a transposed block: column j of the panel is <c>src[j·ld .. j·ld + kc]</c>.
        /// Full panels go through 8 × 8 register transposes, eight loads and eight stores per 64 values.
        /// </summary>
        public static void PanelFromColumns(float* src, int ld, int kc, int cols, float* dst)
        {
            var p = 0;
            if (Avx.IsSupported && cols == Nr)
            {
                for (; p + 8 <= kc; p += 8)
                {
                    for (var j = 0; j < Nr; j += 8)
                    {
                        Transpose8x8(src + ((long)j * ld) + p, ld, dst + (p * Nr) + j);
                    }
                }
            }

            for (; p < kc; p++)
            {
                var row = dst + (p * Nr);
                for (var j = 0; j < cols; j++)
                {
                    row[j] = src[((long)j * ld) + p];
                }

                for (var j = cols; j < Nr; j++)
                {
                    row[j] = 0f;
                }
            }
        }

        /// <summary>A strip from row-major rows: group p is <c>src[r·ld + p]</c> for r = 0..5.</summary>
        public static void StripFromRows(float* src, int ld, int kc, int rows, float* dst)
        {
            for (var r = 0; r < Mr; r++, src += ld)
            {
                for (var p = 0; p < kc; p++)
                {
                    dst[(p * Mr) + r] = r < rows ? src[p] : 0f;
                }
            }
        }

        /// <summary>
        /// A strip from a transposed block: group p is the run <c>src[p·ld .. p·ld + rows]</c>. When
        /// eight values are readable (<paramref name="fullWidth"/>) each group is one 8-float copy whose
        /// last two values the next group overwrites (the strip buffer has room for the overhang).
        /// </summary>
        public static void StripFromColumns(float* src, int ld, int kc, int rows, bool fullWidth, float* dst)
        {
            if (rows == Mr && fullWidth)
            {
                for (var p = 0; p < kc; p++, src += ld)
                {
                    Vector256.Store(Vector256.Load(src), dst + (p * Mr));
                }

                return;
            }

            for (var p = 0; p < kc; p++, src += ld)
            {
                for (var r = 0; r < Mr; r++)
                {
                    dst[(p * Mr) + r] = r < rows ? src[r] : 0f;
                }
            }
        }

        /// <summary>Writes the transpose of the 8 × 8 block at <paramref name="src"/> (row stride ld) as 8 rows of a panel.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose8x8(float* src, int ld, float* dst)
        {
            var r0 = Avx.LoadVector256(src);
            var r1 = Avx.LoadVector256(src + ld);
            var r2 = Avx.LoadVector256(src + (2L * ld));
            var r3 = Avx.LoadVector256(src + (3L * ld));
            var r4 = Avx.LoadVector256(src + (4L * ld));
            var r5 = Avx.LoadVector256(src + (5L * ld));
            var r6 = Avx.LoadVector256(src + (6L * ld));
            var r7 = Avx.LoadVector256(src + (7L * ld));

            // Interleave pairs of rows, then pairs of pairs, then swap 128-bit halves.
            var t0 = Avx.UnpackLow(r0, r1);
            var t1 = Avx.UnpackHigh(r0, r1);
            var t2 = Avx.UnpackLow(r2, r3);
            var t3 = Avx.UnpackHigh(r2, r3);
            var t4 = Avx.UnpackLow(r4, r5);
            var t5 = Avx.UnpackHigh(r4, r5);
            var t6 = Avx.UnpackLow(r6, r7);
            var t7 = Avx.UnpackHigh(r6, r7);
            var u0 = Avx.Shuffle(t0, t2, 0x44);
            var u1 = Avx.Shuffle(t0, t2, 0xEE);
            var u2 = Avx.Shuffle(t1, t3, 0x44);
            var u3 = Avx.Shuffle(t1, t3, 0xEE);
            var u4 = Avx.Shuffle(t4, t6, 0x44);
            var u5 = Avx.Shuffle(t4, t6, 0xEE);
            var u6 = Avx.Shuffle(t5, t7, 0x44);
            var u7 = Avx.Shuffle(t5, t7, 0xEE);
            Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
            Avx.Store(dst + Nr, Avx.Permute2x128(u1, u5, 0x20));
            Avx.Store(dst + (2 * Nr), Avx.Permute2x128(u2, u6, 0x20));
            Avx.Store(dst + (3 * Nr), Avx.Permute2x128(u3, u7, 0x20));
            Avx.Store(dst + (4 * Nr), Avx.Permute2x128(u0, u4, 0x31));
            Avx.Store(dst + (5 * Nr), Avx.Permute2x128(u1, u5, 0x31));
            Avx.Store(dst + (6 * Nr), Avx.Permute2x128(u2, u6, 0x31));
            Avx.Store(dst + (7 * Nr), Avx.Permute2x128(u3, u7, 0x31));
        }
    }
}
