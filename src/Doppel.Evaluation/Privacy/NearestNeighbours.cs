using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Doppel.Evaluation.Privacy;

/// <summary>
/// Exact two nearest neighbours by Euclidean distance, for every query row among the reference rows, computed as
/// blocked matrix products: ‖x − y‖² = ‖x‖² + ‖y‖² − 2 x·y, with the reference rows packed in panels of 16
/// (one <see cref="Vector512{T}"/> a feature) and 8 query rows sharing each panel load. The two candidates found in
/// single precision are then measured again in double precision, so the reported distances are exact.
/// </summary>
internal static class NearestNeighbours
{
    private const int Lanes = 16;
    private const int QueryBlock = 8;
    private const int Chunk = 256;
    private const int PanelBlock = 32;

    /// <summary>
    /// For each of the <paramref name="m"/> query rows (row-major, <paramref name="d"/> wide), the distance to the
    /// nearest and the second-nearest of the <paramref name="n"/> reference rows (+∞ when there are too few).
    /// </summary>
    public static (double[] First, double[] Second) TwoNearest(float[] queries, int m, float[] reference, int n, int d, CancellationToken ct)
    {
        var panels = (n + Lanes - 1) / Lanes;
        var packed = new float[Math.Max(1, panels * d * Lanes)];
        var referenceNorms = new float[Math.Max(1, panels * Lanes)];
        referenceNorms.AsSpan().Fill(float.PositiveInfinity);
        for (var j = 0; j < n; j++)
        {
            var row = reference.AsSpan(j * d, d);
            referenceNorms[j] = System.Numerics.Tensors.TensorPrimitives.Dot(row, row);
            var panel = j / Lanes;
            var lane = j % Lanes;
            for (var k = 0; k < d; k++)
            {
                packed[(((panel * d) + k) * Lanes) + lane] = row[k];
            }
        }

        var paddedM = (m + QueryBlock - 1) / QueryBlock * QueryBlock;
        var x = new float[Math.Max(1, paddedM * d)];
        queries.AsSpan(0, m * d).CopyTo(x);
        var queryNorms = new float[Math.Max(1, paddedM)];
        for (var i = 0; i < m; i++)
        {
            var row = x.AsSpan(i * d, d);
            queryNorms[i] = System.Numerics.Tensors.TensorPrimitives.Dot(row, row);
        }

        var index1 = new int[Math.Max(1, paddedM)];
        var index2 = new int[Math.Max(1, paddedM)];
        var best1 = new float[Math.Max(1, paddedM)];
        var best2 = new float[Math.Max(1, paddedM)];
        index1.AsSpan().Fill(-1);
        index2.AsSpan().Fill(-1);
        best1.AsSpan().Fill(float.PositiveInfinity);
        best2.AsSpan().Fill(float.PositiveInfinity);
        var chunks = (paddedM + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, new ParallelOptions { CancellationToken = ct }, c =>
        {
            // Cache blocking: a chunk of queries meets a block of reference panels that stays in L2 while every
            // 8-row query block of the chunk streams past it.
            var end = Math.Min(paddedM, (c + 1) * Chunk);
            for (var p0 = 0; p0 < panels; p0 += PanelBlock)
            {
                var p1 = Math.Min(panels, p0 + PanelBlock);
                for (var q = c * Chunk; q < end; q += QueryBlock)
                {
                    Block(x.AsSpan(q * d, QueryBlock * d), queryNorms.AsSpan(q, QueryBlock), packed, referenceNorms, p0, p1, d,
                        best1.AsSpan(q, QueryBlock), best2.AsSpan(q, QueryBlock), index1.AsSpan(q, QueryBlock), index2.AsSpan(q, QueryBlock));
                }
            }
        });

        var first = new double[m];
        var second = new double[m];
        for (var i = 0; i < m; i++)
        {
            var a = Exact(queries, i, reference, index1[i], d);
            var b = Exact(queries, i, reference, index2[i], d);
            (first[i], second[i]) = a <= b ? (a, b) : (b, a);
        }

        return (first, second);
    }

    private static double Exact(float[] queries, int i, float[] reference, int j, int d)
    {
        if (j < 0)
        {
            return double.PositiveInfinity;
        }

        var sum = 0.0;
        for (var k = 0; k < d; k++)
        {
            double diff = queries[(i * d) + k] - reference[(j * d) + k];
            sum += diff * diff;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>a · b + c, as one instruction where the processor has AVX-512.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>The micro-kernel: 8 query rows against panels [firstPanel, endPanel); a leaf method so its accumulators stay in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Block(
        ReadOnlySpan<float> x, ReadOnlySpan<float> queryNorms, float[] packed, float[] referenceNorms, int firstPanel, int endPanel, int d,
        Span<float> best1, Span<float> best2, Span<int> index1, Span<int> index2)
    {
        fixed (float* xp = x, yp = packed, yn = referenceNorms)
        {
            var x0 = xp;
            var x1 = xp + d;
            var x2 = xp + (2 * d);
            var x3 = xp + (3 * d);
            var x4 = xp + (4 * d);
            var x5 = xp + (5 * d);
            var x6 = xp + (6 * d);
            var x7 = xp + (7 * d);
            var distances = stackalloc float[QueryBlock * Lanes];
            var minusTwo = Vector512.Create(-2f);
            for (var p = firstPanel; p < endPanel; p++)
            {
                var panel = yp + ((long)p * d * Lanes);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
                for (var k = 0; k < d; k++)
                {
                    var y = Vector512.Load(panel + (k * Lanes));
                    a0 = Fma(Vector512.Create(x0[k]), y, a0);
                    a1 = Fma(Vector512.Create(x1[k]), y, a1);
                    a2 = Fma(Vector512.Create(x2[k]), y, a2);
                    a3 = Fma(Vector512.Create(x3[k]), y, a3);
                    a4 = Fma(Vector512.Create(x4[k]), y, a4);
                    a5 = Fma(Vector512.Create(x5[k]), y, a5);
                    a6 = Fma(Vector512.Create(x6[k]), y, a6);
                    a7 = Fma(Vector512.Create(x7[k]), y, a7);
                }

                // ‖y‖² − 2 x·y; ‖x‖² is the same for every candidate of a query, so it is added only when comparing.
                var norms = Vector512.Load(yn + (p * Lanes));
                Fma(minusTwo, a0, norms).Store(distances);
                Fma(minusTwo, a1, norms).Store(distances + Lanes);
                Fma(minusTwo, a2, norms).Store(distances + (2 * Lanes));
                Fma(minusTwo, a3, norms).Store(distances + (3 * Lanes));
                Fma(minusTwo, a4, norms).Store(distances + (4 * Lanes));
                Fma(minusTwo, a5, norms).Store(distances + (5 * Lanes));
                Fma(minusTwo, a6, norms).Store(distances + (6 * Lanes));
                Fma(minusTwo, a7, norms).Store(distances + (7 * Lanes));
                for (var i = 0; i < QueryBlock; i++)
                {
                    var row = distances + (i * Lanes);
                    var threshold = best2[i] - queryNorms[i];
                    if (!Vector512.LessThanOrEqualAny(Vector512.Load(row), Vector512.Create(threshold)))
                    {
                        continue;
                    }

                    for (var l = 0; l < Lanes; l++)
                    {
                        var distance = row[l] + queryNorms[i];
                        if (distance < best1[i])
                        {
                            best2[i] = best1[i];
                            index2[i] = index1[i];
                            best1[i] = distance;
                            index1[i] = (p * Lanes) + l;
                        }
                        else if (distance < best2[i])
                        {
                            best2[i] = distance;
                            index2[i] = (p * Lanes) + l;
                        }
                    }
                }
            }
        }
    }
}
