using Doppel.Data;

namespace Doppel.Neural;

/// <summary>
/// Records operations for reverse-mode differentiation and owns the arena their results live in.
/// <para>Use one tape per training loop: call <see cref="Reset"/> at the start of every step, build the forward
/// pass with the tape's operations, then <see cref="Backward(Tensor)"/> on a 1 x 1 loss. Every tensor the tape hands out
/// comes from an arena slot that is reused, in the same order, by the next step, so a training loop with fixed
/// shapes allocates nothing once warm. Tensors from a tape are therefore valid only until the next
/// <see cref="Reset"/>. Not thread-safe.</para>
/// </summary>
internal sealed partial class Tape
{
    private readonly List<Tensor> _slots = [];
    private readonly List<int[]> _intSlots = [];
    private readonly List<Tensor> _operands = [];
    private Node[] _nodes = new Node[256];
    private int _nodeCount;
    private int _nextSlot;
    private int _nextIntSlot;
    private bool _backwardDone;

    /// <summary>Creates a tape whose random operations (dropout in modules) draw from <paramref name="rng"/>.</summary>
    public Tape(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Rng = rng;
    }

    /// <summary>The stream that modules' random operations (dropout) draw from.</summary>
    public Rng Rng { get; set; }

    /// <summary>When true, nothing is recorded and results never require gradients (inference). Default false.</summary>
    public bool NoGrad { get; set; }

    /// <summary>Upper bound on threads for matrix products; -1 (default) lets the kernel decide.</summary>
    public int MaxThreads { get; set; } = -1;

    /// <summary>Number of operations recorded since the last <see cref="Reset"/>.</summary>
    public int Count => _nodeCount;

    /// <summary>Forgets the recorded operations and returns every arena tensor for reuse.</summary>
    public void Reset()
    {
        Array.Clear(_nodes, 0, _nodeCount);
        _nodeCount = 0;
        _nextSlot = 0;
        _nextIntSlot = 0;
        _operands.Clear();
        _backwardDone = false;
    }

    /// <summary>An arena tensor for inputs (a batch, noise); zero-filled when <paramref name="zero"/> is set.</summary>
    public Tensor Input(int rows, int cols, bool zero = true) => Rent(rows, cols, zero);

    /// <summary>An arena tensor holding a copy of <paramref name="values"/>.</summary>
    public Tensor Input(ReadOnlySpan<float> values, int rows, int cols)
    {
        var t = Rent(rows, cols, zero: false);
        values.CopyTo(t.Span);
        return t;
    }

    /// <summary>
    /// Back-propagates from <paramref name="loss"/> (1 x 1): gradients accumulate into <see cref="Tensor.Grad"/>
    /// of every tensor that requires them (parameters keep theirs until an optimiser's <c>ZeroGrad</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The loss is not 1 x 1 or does not require gradients.</exception>
    /// <exception cref="InvalidOperationException">Backward already ran since the last <see cref="Reset"/> (sum the losses instead).</exception>
    public void Backward(Tensor loss) => Backward(loss, 1f);

    /// <summary>Back-propagates <paramref name="seed"/> times the gradient of <paramref name="loss"/>.</summary>
    public void Backward(Tensor loss, float seed)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Length != 1 || !loss.RequiresGrad)
        {
            throw new ArgumentException($"Backward needs a 1x1 tensor that depends on parameters, not {loss}.", nameof(loss));
        }

        if (_backwardDone)
        {
            throw new InvalidOperationException("Backward runs once per step; add the losses and call it once, or Reset first.");
        }

        _backwardDone = true;
        GradOf(loss).Span[0] += seed;
        for (var i = _nodeCount - 1; i >= 0; i--)
        {
            ref readonly var node = ref _nodes[i];
            if (node.Out.Grad is not null)
            {
                node.Backward(this, in node);
            }
        }
    }

    /// <summary>An arena tensor of the given shape; its previous contents remain unless <paramref name="zero"/> is set.</summary>
    internal Tensor Rent(int rows, int cols, bool zero)
    {
        Tensor t;
        if (_nextSlot < _slots.Count)
        {
            t = _slots[_nextSlot];
            t.Reuse(rows, cols);
            if (zero)
            {
                t.Span.Clear();
            }
        }
        else
        {
            t = new Tensor(rows, cols);
            _slots.Add(t);
        }

        _nextSlot++;
        return t;
    }

    /// <summary>An arena array of at least <paramref name="length"/> integers (contents undefined).</summary>
    internal int[] RentInts(int length)
    {
        if (_nextIntSlot == _intSlots.Count)
        {
            _intSlots.Add(new int[length]);
        }
        else if (_intSlots[_nextIntSlot].Length < length)
        {
            _intSlots[_nextIntSlot] = new int[length];
        }

        return _intSlots[_nextIntSlot++];
    }

    /// <summary>The gradient buffer of <paramref name="t"/>, zero-filled from the arena on first use.</summary>
    internal Tensor GradOf(Tensor t) => t.Grad ??= Rent(t.Rows, t.Cols, zero: true);

    /// <summary>An output tensor that requires gradients when any input does (and the tape is recording).</summary>
    internal Tensor Output(int rows, int cols, Tensor a, Tensor? b = null, Tensor? c = null)
    {
        var t = Rent(rows, cols, zero: false);
        t.RequiresGrad = !NoGrad && (a.RequiresGrad || (b?.RequiresGrad ?? false) || (c?.RequiresGrad ?? false));
        return t;
    }

    /// <summary>Records an operation when its output requires gradients.</summary>
    internal void Record(in Node node)
    {
        if (!node.Out.RequiresGrad)
        {
            return;
        }

        if (_nodeCount == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _nodes[_nodeCount++] = node;
    }

    /// <summary>Stores a variable-length operand list (for concatenation); returns its start index.</summary>
    internal int StoreOperands(ReadOnlySpan<Tensor> tensors)
    {
        var start = _operands.Count;
        foreach (var t in tensors)
        {
            _operands.Add(t);
        }

        return start;
    }

    /// <summary>Stores one saved tensor for a backward function; returns its index.</summary>
    internal int StoreOperand(Tensor tensor)
    {
        _operands.Add(tensor);
        return _operands.Count - 1;
    }

    internal Tensor Operand(int index) => _operands[index];

    internal static void CheckSameShape(Tensor a, Tensor b, string op)
    {
        if (a.Rows != b.Rows || a.Cols != b.Cols)
        {
            throw new ArgumentException($"{op}: shapes {a.Rows}x{a.Cols} and {b.Rows}x{b.Cols} differ.");
        }
    }
}
