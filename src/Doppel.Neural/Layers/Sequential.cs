namespace Doppel.Neural;

/// <summary>Modules applied one after another; children are named by position ("0", "1", ...), as in PyTorch.</summary>
internal sealed class Sequential : Module
{
    private readonly Module[] _modules;

    /// <summary>Creates the stack.</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        _modules = [.. modules];
        for (var i = 0; i < _modules.Length; i++)
        {
            Register(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _modules[i]);
        }
    }

    /// <summary>The modules in order.</summary>
    public IReadOnlyList<Module> Modules => _modules;

    /// <inheritdoc />
    public override Tensor Forward(Tape tape, Tensor x)
    {
        foreach (var m in _modules)
        {
            x = m.Forward(tape, x);
        }

        return x;
    }
}
