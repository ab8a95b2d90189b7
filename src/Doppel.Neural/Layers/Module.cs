namespace Doppel.Neural;

/// <summary>
/// A layer or model: named tensors (trainable parameters and saved buffers such as running statistics) and child
/// modules, with a train/eval switch. Names join with '.' (<c>res1.fc.weight</c>) and are valid model-block names.
/// </summary>
internal abstract class Module
{
    private readonly List<NamedTensor> _tensors = [];
    private readonly List<(string Name, Module Child)> _children = [];
    private bool _training = true;

    /// <summary>Training mode (default) or evaluation mode, set on every child too.</summary>
    public bool Training
    {
        get => _training;
        set
        {
            _training = value;
            foreach (var (_, child) in _children)
            {
                child.Training = value;
            }
        }
    }

    /// <summary>Applies the module to <paramref name="x"/> (rows are samples), recording on <paramref name="tape"/>.</summary>
    public abstract Tensor Forward(Tape tape, Tensor x);

    /// <summary>Every named tensor of this module and its children, in registration order: what a model file stores.</summary>
    public IReadOnlyList<NamedTensor> State()
    {
        var list = new List<NamedTensor>();
        Collect("", list);
        return list;
    }

    /// <summary>The trainable tensors, in the order of <see cref="State"/>: what an optimiser updates.</summary>
    public IReadOnlyList<Tensor> Parameters() => [.. State().Where(t => t.Trainable).Select(t => t.Tensor)];

    /// <summary>
    /// Freezes (false) or unfreezes (true) every trainable tensor, like PyTorch's <c>requires_grad_</c>: a frozen
    /// module still passes gradients to its inputs but computes none for its own weights (a GAN's critic during
    /// the generator's step).
    /// </summary>
    public void SetRequiresGrad(bool requiresGrad)
    {
        foreach (var t in _tensors)
        {
            t.Tensor.RequiresGrad = t.Trainable && requiresGrad;
        }

        foreach (var (_, child) in _children)
        {
            child.SetRequiresGrad(requiresGrad);
        }
    }

    /// <summary>Registers a tensor under <paramref name="name"/>; trainable ones must be made with <see cref="Tensor.Parameter"/>.</summary>
    protected Tensor Register(string name, Tensor tensor, bool trainable = true)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        _tensors.Add(new NamedTensor(name, tensor, trainable));
        return tensor;
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    protected T Register<T>(string name, T child)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(child);
        _children.Add((name, child));
        child.Training = _training;
        return child;
    }

    private void Collect(string prefix, List<NamedTensor> list)
    {
        foreach (var t in _tensors)
        {
            list.Add(t with { Name = prefix + t.Name });
        }

        foreach (var (name, child) in _children)
        {
            child.Collect(prefix + name + ".", list);
        }
    }
}

/// <summary>A module's tensor with its dotted name; <paramref name="Trainable"/> is false for buffers (running statistics).</summary>
internal readonly record struct NamedTensor(string Name, Tensor Tensor, bool Trainable);
