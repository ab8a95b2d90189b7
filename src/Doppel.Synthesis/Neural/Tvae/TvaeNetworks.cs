using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Tvae;

/// <summary>
/// TVAE's encoder: an MLP with ReLU (<c>seq</c>) then two linear heads, the mean (<c>fc1</c>) and log-variance
/// (<c>fc2</c>) of q(z | x).
/// </summary>
internal sealed class TvaeEncoder : Module
{
    private readonly Sequential _seq;
    private readonly Linear _fc1;
    private readonly Linear _fc2;

    public TvaeEncoder(int dataDim, IReadOnlyList<int> hidden, int embeddingDim, Rng rng)
    {
        _seq = Register("seq", Mlp(dataDim, hidden, rng));
        var last = hidden.Count == 0 ? dataDim : hidden[^1];
        _fc1 = Register("fc1", new Linear(last, embeddingDim, rng));
        _fc2 = Register("fc2", new Linear(last, embeddingDim, rng));
    }

    /// <summary>The mean and log-variance of the latent code: both (rows, embedding).</summary>
    public (Tensor Mu, Tensor LogVar) Encode(Tape tape, Tensor x)
    {
        var h = _seq.Forward(tape, x);
        return (_fc1.Forward(tape, h), _fc2.Forward(tape, h));
    }

    /// <summary>The mean of the latent code.</summary>
    public override Tensor Forward(Tape tape, Tensor x) => Encode(tape, x).Mu;

    /// <summary>Linear and ReLU layers through <paramref name="hidden"/>.</summary>
    internal static Sequential Mlp(int input, IReadOnlyList<int> hidden, Rng rng)
    {
        var layers = new List<Module>();
        var width = input;
        foreach (var h in hidden)
        {
            layers.Add(new Linear(width, h, rng));
            layers.Add(new Activation(ActivationKind.Relu));
            width = h;
        }

        return new Sequential([.. layers]);
    }
}

/// <summary>
/// TVAE's decoder: an MLP with ReLU then a linear layer to the encoded width (<c>seq</c>), and the learned standard
/// deviation of each scalar column (<c>sigma</c>, (1, data width), starting at 0.1 and kept in [0.01, 1]).
/// </summary>
internal sealed class TvaeDecoder : Module
{
    private readonly Sequential _seq;

    public TvaeDecoder(int embeddingDim, IReadOnlyList<int> hidden, int dataDim, Rng rng)
    {
        var mlp = TvaeEncoder.Mlp(embeddingDim, hidden, rng);
        _seq = Register("seq", new Sequential([.. mlp.Modules, new Linear(hidden.Count == 0 ? embeddingDim : hidden[^1], dataDim, rng)]));
        Sigma = Register("sigma", Tensor.Parameter(1, dataDim));
        Sigma.Span.Fill(0.1f);
    }

    /// <summary>The per-column standard deviations.</summary>
    public Tensor Sigma { get; }

    /// <summary>The raw reconstruction, (rows, data width).</summary>
    public override Tensor Forward(Tape tape, Tensor x) => _seq.Forward(tape, x);
}
