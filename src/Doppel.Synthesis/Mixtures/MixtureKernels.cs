using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Doppel.Synthesis.Mixtures;

/// <summary>
/// The hot loops of EM, blocked over rows in 512-bit vectors (8 rows at a time) so that a whole Mahalanobis
/// distance or moment update stays in registers instead of streaming one column at a time through memory.
/// Inputs are padded to whole vectors; callers give padding rows zero weight.
/// </summary>
internal static class MixtureKernels
{
    /// <summary>Rows per vector.</summary>
    public static int Lanes => Vector512<double>.Count;

    /// <summary><paramref name="count"/> rounded up to a whole number of vectors.</summary>
    public static int Pad(int count) => (count + Lanes - 1) / Lanes * Lanes;

    /// <summary>
    /// Turns per-component log-densities into responsibilities: for each row, <c>max</c> = the largest log-density,
    /// <c>sum</c> = Σ exp(logp - max), responsibilities = exp(logp - max) / sum. Returns Σ over the first
    /// <paramref name="rows"/> rows of max + ln sum (the log-likelihood). Arrays are padded to <paramref name="padded"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double NormaliseLogResponsibilities(double[][] logp, int rows, int padded, double[] max, double[] sum)
    {
        var k = logp.Length;
        for (var i = 0; i < padded; i += Vector512<double>.Count)
        {
            var m = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(logp[0]), (nuint)i);
            for (var c = 1; c < k; c++)
            {
                m = Vector512.Max(m, Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(logp[c]), (nuint)i));
            }

            var s = Vector512<double>.Zero;
            for (var c = 0; c < k; c++)
            {
                ref var r = ref MemoryMarshal.GetArrayDataReference(logp[c]);
                var e = Vector512.Exp(Vector512.LoadUnsafe(ref r, (nuint)i) - m);
                e.StoreUnsafe(ref r, (nuint)i);
                s += e;
            }

            var inverse = Vector512<double>.One / s;
            for (var c = 0; c < k; c++)
            {
                ref var r = ref MemoryMarshal.GetArrayDataReference(logp[c]);
                (Vector512.LoadUnsafe(ref r, (nuint)i) * inverse).StoreUnsafe(ref r, (nuint)i);
            }

            m.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(max), (nuint)i);
            s.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(sum), (nuint)i);
        }

        double ll = 0;
        for (var i = 0; i < rows; i++)
        {
            ll += max[i] + Math.Log(sum[i]);
        }

        return ll;
    }

    /// <summary>
    /// The sum of <paramref name="values"/> in a fixed order (vector lanes from index 0, then the tail), so the
    /// result does not depend on the array's address as library reductions may.
    /// </summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        var acc = Vector512<double>.Zero;
        var i = 0;
        for (; i + Vector512<double>.Count <= values.Length; i += Vector512<double>.Count)
        {
            acc += Vector512.Create(values.Slice(i, Vector512<double>.Count));
        }

        var sum = Vector512.Sum(acc);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>
    /// For each row: <c>output = constant - ½·|L⁻¹(x - mean)|²</c>, with <paramref name="lower"/> the o × o lower
    /// Cholesky factor (row-major) and <paramref name="x"/> one padded array per dimension.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GaussianLogDensity(double[][] x, int paddedCount, ReadOnlySpan<double> mean, ReadOnlySpan<double> lower, double constant, Span<double> output)
    {
        var o = mean.Length;
        var z = o <= 128 ? stackalloc Vector512<double>[o] : new Vector512<double>[o];
        Span<double> inverseDiagonal = o <= 128 ? stackalloc double[o] : new double[o];
        for (var a = 0; a < o; a++)
        {
            inverseDiagonal[a] = 1.0 / lower[(a * o) + a];
        }

        var c = Vector512.Create(constant);
        var half = Vector512.Create(-0.5);
        ref var outRef = ref MemoryMarshal.GetReference(output);
        for (var i = 0; i < paddedCount; i += Vector512<double>.Count)
        {
            var acc = Vector512<double>.Zero;
            for (var a = 0; a < o; a++)
            {
                var t = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(x[a]), (nuint)i) - Vector512.Create(mean[a]);
                var row = a * o;
                for (var b = 0; b < a; b++)
                {
                    var l = lower[row + b];
                    if (l != 0)
                    {
                        t = Vector512.FusedMultiplyAdd(Vector512.Create(-l), z[b], t);
                    }
                }

                t *= Vector512.Create(inverseDiagonal[a]);
                z[a] = t;
                acc = Vector512.FusedMultiplyAdd(t, t, acc);
            }

            Vector512.FusedMultiplyAdd(half, acc, c).StoreUnsafe(ref outRef, (nuint)i);
        }
    }

    /// <summary>
    /// Adds <c>Σ r·x_j</c> to <paramref name="first"/> and <c>Σ r·x_j·x_l</c> to <paramref name="second"/> (D × D,
    /// both triangles) over <paramref name="paddedCount"/> rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightedMoments(double[] r, double[][] x, int paddedCount, Span<double> first, Span<double> second)
    {
        var d = x.Length;
        var acc1 = new Vector512<double>[d];
        var acc2 = new Vector512<double>[d * (d + 1) / 2];
        var xv = d <= 128 ? stackalloc Vector512<double>[d] : new Vector512<double>[d];
        ref var rRef = ref MemoryMarshal.GetArrayDataReference(r);
        for (var i = 0; i < paddedCount; i += Vector512<double>.Count)
        {
            var rv = Vector512.LoadUnsafe(ref rRef, (nuint)i);
            for (var j = 0; j < d; j++)
            {
                xv[j] = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(x[j]), (nuint)i);
            }

            var index = 0;
            for (var j = 0; j < d; j++)
            {
                var rx = rv * xv[j];
                acc1[j] += rx;
                for (var l = j; l < d; l++)
                {
                    acc2[index] = Vector512.FusedMultiplyAdd(rx, xv[l], acc2[index]);
                    index++;
                }
            }
        }

        var k = 0;
        for (var j = 0; j < d; j++)
        {
            first[j] += Vector512.Sum(acc1[j]);
            for (var l = j; l < d; l++)
            {
                var s = Vector512.Sum(acc2[k++]);
                second[(j * d) + l] += s;
                if (l != j)
                {
                    second[(l * d) + j] += s;
                }
            }
        }
    }
}
