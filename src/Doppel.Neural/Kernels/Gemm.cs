namespace Doppel.Neural.Kernels;

/// <summary>
/// Single-precision general matrix product on row-major buffers: <c>C = op(A) · op(B)</c>, or
/// <c>C += op(A) · op(B)</c> when <c>accumulate</c> is set.
/// </summary>
/// <remarks>
/// <c>op(A)</c> is <c>m × k</c>: A is stored <c>m × k</c>, or <c>k × m</c> when <c>transposeA</c> is set.
/// <c>op(B)</c> is <c>k × n</c>: B is stored <c>k × n</c>, or <c>n × k</c> when <c>transposeB</c> is set.
/// C is stored <c>m × n</c>. The transposed forms serve the backward passes (<c>dX = dY · Wᵀ</c>,
/// <c>dW = Xᵀ · dY</c>).
/// </remarks>
public static class Gemm
{
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
        bool transposeA = false, bool transposeB = false, bool accumulate = false, int maxThreads = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException($"Buffers too short for a {m}x{k} by {k}x{n} product.");
        }

        _ = maxThreads;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    var x = transposeA ? a[(p * m) + i] : a[(i * k) + p];
                    var y = transposeB ? b[(j * k) + p] : b[(p * n) + j];
                    sum += x * y;
                }

                c[(i * n) + j] = accumulate ? c[(i * n) + j] + sum : sum;
            }
        }
    }
}
