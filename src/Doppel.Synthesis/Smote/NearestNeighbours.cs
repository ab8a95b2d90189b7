using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Doppel.Synthesis.Smote;

/// <summary>
/// Exact k nearest neighbours among a set of rows, by brute force in blocks: features are stored column-major
/// in single precision, and for each query row 16 candidates at a time are compared in one 512-bit vector
/// (squared differences for numeric features, a penalty of 1 per differing discrete code, as in SMOTE-NC with
/// standardised columns). Query rows are split in fixed chunks over the cores.
/// </summary>
internal static class NearestNeighbours
{
    /// <summary>For each of the <paramref name="count"/> rows, the indices (into the same rows) of its k nearest other rows.</summary>
    /// <param name="numeric">Numeric features, one padded array per feature (missing already filled).</param>
    /// <param name="codes">Discrete codes as floats, one padded array per feature.</param>
    /// <param name="count">Rows.</param>
    /// <param name="k">Neighbours per row (at most count - 1).</param>
    /// <param name="maxDegreeOfParallelism">Threads.</param>
    public static int[] Search(float[][] numeric, float[][] codes, int count, int k, int maxDegreeOfParallelism)
    {
        var result = new int[count * k];
        const int Chunk = 256;
        var chunks = (count + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, chunk =>
        {
            var distances = new float[Padded(count)];
            var bestD = new float[k];
            var bestI = new int[k];
            for (var q = chunk * Chunk; q < Math.Min(count, (chunk + 1) * Chunk); q++)
            {
                Distances(numeric, codes, q, distances);
                distances[q] = float.PositiveInfinity;
                TopK(distances, count, bestD, bestI);
                bestI.CopyTo(result, q * k);
            }
        });

        return result;
    }

    /// <summary><paramref name="count"/> rounded up to whole 512-bit float vectors.</summary>
    public static int Padded(int count) => (count + 15) / 16 * 16;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Distances(float[][] numeric, float[][] codes, int q, float[] distances)
    {
        var padded = distances.Length;
        ref var outRef = ref MemoryMarshal.GetArrayDataReference(distances);
        for (var i = 0; i < padded; i += Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            foreach (var column in numeric)
            {
                var diff = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)i) - Vector512.Create(column[q]);
                acc = Vector512.FusedMultiplyAdd(diff, diff, acc);
            }

            foreach (var column in codes)
            {
                var differs = ~Vector512.Equals(Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(column), (nuint)i), Vector512.Create(column[q]));
                acc += differs & Vector512<float>.One;
            }

            acc.StoreUnsafe(ref outRef, (nuint)i);
        }
    }

    /// <summary>The k smallest of the first <paramref name="count"/> distances, nearest first (ties: lower index).</summary>
    private static void TopK(float[] distances, int count, float[] bestD, int[] bestI)
    {
        var k = bestD.Length;
        Array.Fill(bestD, float.PositiveInfinity);
        Array.Fill(bestI, -1);
        var threshold = float.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            var d = distances[i];
            if (d >= threshold && bestI[k - 1] >= 0)
            {
                continue;
            }

            var pos = k - 1;
            while (pos > 0 && (bestD[pos - 1] > d || bestI[pos - 1] < 0))
            {
                bestD[pos] = bestD[pos - 1];
                bestI[pos] = bestI[pos - 1];
                pos--;
            }

            bestD[pos] = d;
            bestI[pos] = i;
            threshold = bestD[k - 1];
        }
    }
}
