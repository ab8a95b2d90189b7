using System.Runtime.CompilerServices;

namespace Doppel.Neural;

/// <summary>
/// A 2-D float32 matrix in row-major order on a reusable buffer. Tensors made by a <see cref="Tape"/> live in its
/// arena and are valid until the tape's next <see cref="Tape.Reset"/>; parameters are made with
/// <see cref="Parameter"/> and live as long as their module.
/// </summary>
internal sealed class Tensor
{
    private float[] _data;

    /// <summary>Creates a zero-filled <paramref name="rows"/> x <paramref name="cols"/> tensor that owns its buffer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public Tensor(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        _data = new float[rows * cols];
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; private set; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; private set; }

    /// <summary><see cref="Rows"/> times <see cref="Cols"/>.</summary>
    public int Length => Rows * Cols;

    /// <summary>Whether gradients flow to this tensor (parameters, and results of operations on them).</summary>
    public bool RequiresGrad { get; internal set; }

    /// <summary>The gradient of the last backward pass, same shape; null when no gradient reached this tensor.</summary>
    public Tensor? Grad { get; internal set; }

    /// <summary>The values, row after row.</summary>
    public Span<float> Span => _data.AsSpan(0, Rows * Cols);

    /// <summary>The value at <paramref name="row"/>, <paramref name="col"/>.</summary>
    public float this[int row, int col]
    {
        get => _data[(row * Cols) + col];
        set => _data[(row * Cols) + col] = value;
    }

    /// <summary>Row <paramref name="row"/> as a span of <see cref="Cols"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Row(int row) => _data.AsSpan(row * Cols, Cols);

    /// <summary>A trainable parameter: requires gradients and owns a gradient buffer of the same shape.</summary>
    public static Tensor Parameter(int rows, int cols) => new(rows, cols) { RequiresGrad = true, Grad = new Tensor(rows, cols) };

    /// <summary>A tensor holding a copy of <paramref name="values"/> (row-major, <paramref name="rows"/> x <paramref name="cols"/>).</summary>
    /// <exception cref="ArgumentException">The length does not match the shape.</exception>
    public static Tensor FromValues(ReadOnlySpan<float> values, int rows, int cols)
    {
        var t = new Tensor(rows, cols);
        if (values.Length != t.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill a {rows}x{cols} tensor.", nameof(values));
        }

        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>The single value of a 1 x 1 tensor (a loss).</summary>
    public float Scalar => Length == 1 ? _data[0] : throw new InvalidOperationException($"Scalar needs a 1x1 tensor, not {Rows}x{Cols}.");

    /// <summary>Copies the values into a new array (for tests and saving).</summary>
    public float[] ToArray() => Span.ToArray();

    /// <inheritdoc />
    public override string ToString() => $"Tensor({Rows}x{Cols})";

    /// <summary>Gives this arena tensor a new shape, growing the buffer only when it is too small.</summary>
    internal void Reuse(int rows, int cols)
    {
        if (_data.Length < rows * cols)
        {
            _data = new float[rows * cols];
        }

        Rows = rows;
        Cols = cols;
        RequiresGrad = false;
        Grad = null;
    }
}
