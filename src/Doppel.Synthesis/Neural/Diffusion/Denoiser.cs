using System.Collections.Immutable;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Neural.Kernels;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// TabDDPM's denoiser (MLPDiffusion in the reference implementation): the noisy row is projected to the embedding
/// width and added to the timestep embedding (sinusoidal, then Linear-SiLU-Linear), plus SiLU of a learned class
/// embedding when conditioned; an MLP of Linear-ReLU(-Dropout) blocks then predicts the noise of the numeric block
/// and the logits of x₀ for every discrete feature. Input and output are both (rows, numeric + Σ K).
/// </summary>
internal sealed class Denoiser : Module
{
    private readonly Linear _project;
    private readonly Sequential _time;
    private readonly Embedding? _label;
    private readonly Sequential _mlp;

    public Denoiser(int width, ImmutableArray<int> layers, int embeddingDim, float dropout, int classes, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Width = width;
        EmbeddingDim = embeddingDim;
        _project = Register("proj", new Linear(width, embeddingDim, rng.Fork("proj")));
        _time = Register("time_embed", new Sequential(
            new Linear(embeddingDim, embeddingDim, rng.Fork("time/0")),
            new Activation(ActivationKind.Silu),
            new Linear(embeddingDim, embeddingDim, rng.Fork("time/2"))));
        _label = classes > 0 ? Register("label_emb", new Embedding(classes, embeddingDim, rng.Fork("label"))) : null;
        var blocks = new List<Module>();
        var input = embeddingDim;
        for (var i = 0; i < layers.Length; i++)
        {
            blocks.Add(new Linear(input, layers[i], rng.Fork("mlp", i)));
            blocks.Add(new Activation(ActivationKind.Relu));
            if (dropout > 0)
            {
                blocks.Add(new Dropout(dropout));
            }

            input = layers[i];
        }

        blocks.Add(new Linear(input, width, rng.Fork("head")));
        _mlp = Register("mlp", new Sequential([.. blocks]));
    }

    /// <summary>The row width: numeric features plus the categories of every diffused feature.</summary>
    public int Width { get; }

    public int EmbeddingDim { get; }

    /// <summary>The prediction for noisy rows <paramref name="x"/> (rows, width) at <paramref name="timesteps"/>, with class <paramref name="labels"/> (empty without conditioning).</summary>
    public Tensor Forward(Tape tape, Tensor x, ReadOnlySpan<float> timesteps, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(x);
        var projected = _project.Forward(tape, x); // (rows, dim)
        if (_label is null && timesteps.Length > 0 && !timesteps.ContainsAnyExcept(timesteps[0]))
        {
            // One timestep for every row (sampling): embed it once and add it as a row vector.
            var shared = _time.Forward(tape, tape.TimestepEmbedding(timesteps[..1], EmbeddingDim)); // (1, dim)
            return _mlp.Forward(tape, tape.AddBias(projected, shared));
        }

        var emb = _time.Forward(tape, tape.TimestepEmbedding(timesteps, EmbeddingDim)); // (rows, dim)
        if (_label is not null)
        {
            emb = tape.Add(emb, tape.Silu(_label.Forward(tape, labels)));
        }

        return _mlp.Forward(tape, tape.Add(projected, emb)); // (rows, width)
    }

    /// <summary>The projection bias plus the timestep embedding of <paramref name="t"/>: the part of every row's first hidden vector that does not depend on the row, (1, dim).</summary>
    public Tensor Start(Tape tape, int t)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ReadOnlySpan<float> time = [t];
        var start = tape.Input(_time.Forward(tape, tape.TimestepEmbedding(time, EmbeddingDim)).Span, 1, EmbeddingDim);
        if (_project.Bias is { } bias)
        {
            TensorPrimitives.Add(start.Span, bias.Span, start.Span);
        }

        return start;
    }

    /// <summary>
    /// The prediction for rows given as numeric values and category codes, all at the timestep whose
    /// <see cref="Start"/> is <paramref name="start"/> (sampling; no gradient). Equals
    /// <see cref="Forward(Tape, Tensor, ReadOnlySpan{float}, ReadOnlySpan{int})"/> on the one-hot rows up to rounding,
    /// without building them: the projection of a one-hot row is the sum of the weight rows of its categories, added
    /// to the start and the class embedding in one pass; each hidden layer is one product followed by its bias and
    /// ReLU in one pass over each row.
    /// </summary>
    /// <param name="tape">A tape in inference mode; the result lives in its arena, the products use its <see cref="Tape.MaxThreads"/>.</param>
    /// <param name="rows">Rows to predict.</param>
    /// <param name="numeric">(rows, <paramref name="numericCount"/>) numeric values.</param>
    /// <param name="numericCount">Numeric features per row (the first columns of the width).</param>
    /// <param name="codes">(rows, features) category indices.</param>
    /// <param name="offsets">Per feature, the column of its first category in the width.</param>
    /// <param name="start">The timestep's <see cref="Start"/>, dim values.</param>
    /// <param name="labels">Class labels, one per row (empty without conditioning).</param>
    public Tensor Infer(Tape tape, int rows, ReadOnlySpan<double> numeric, int numericCount, ReadOnlySpan<int> codes, ReadOnlySpan<int> offsets, ReadOnlySpan<float> start, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(tape);
        var dim = EmbeddingDim;
        var features = offsets.Length;
        Tensor? classStart = null;
        if (_label is not null)
        {
            // SiLU of every class embedding, plus the start: (classes, dim).
            var table = _label.Weight;
            classStart = tape.Input(table.Rows, dim, zero: false);
            TensorPrimitives.Sigmoid(table.Span, classStart.Span);
            TensorPrimitives.Multiply(table.Span, classStart.Span, classStart.Span);
            for (var c = 0; c < table.Rows; c++)
            {
                TensorPrimitives.Add(classStart.Row(c), start, classStart.Row(c));
            }
        }

        var weight = _project.Weight.Span;
        var h = tape.Input(rows, dim, zero: false);
        var sources = tape.RentInts(numericCount + features).AsSpan(0, numericCount + features);
        for (var f = 0; f < numericCount; f++)
        {
            sources[f] = f * dim;
        }

        var width = Vector<float>.Count;
        Span<float> scales = numericCount <= 256 ? stackalloc float[numericCount] : new float[numericCount];
        for (var r = 0; r < rows; r++)
        {
            // The weight rows of the row's categories, then one pass over the columns summing every source in registers.
            for (var d = 0; d < features; d++)
            {
                sources[numericCount + d] = (offsets[d] + codes[(r * features) + d]) * dim;
            }

            for (var f = 0; f < numericCount; f++)
            {
                scales[f] = (float)numeric[(r * numericCount) + f];
            }

            var first = classStart is null ? start : classStart.Row(labels[r]);
            var hr = h.Row(r);
            var j = 0;
            for (; j <= dim - width; j += width)
            {
                var sum = new Vector<float>(first[j..]);
                for (var f = 0; f < numericCount; f++)
                {
                    sum += new Vector<float>(weight[(sources[f] + j)..]) * scales[f];
                }

                for (var d = numericCount; d < sources.Length; d++)
                {
                    sum += new Vector<float>(weight[(sources[d] + j)..]);
                }

                sum.CopyTo(hr[j..]);
            }

            for (; j < dim; j++)
            {
                var sum = first[j];
                for (var f = 0; f < numericCount; f++)
                {
                    sum += weight[sources[f] + j] * scales[f];
                }

                for (var d = numericCount; d < sources.Length; d++)
                {
                    sum += weight[sources[d] + j];
                }

                hr[j] = sum;
            }
        }

        return InferMlp(tape, h);
    }

    /// <summary>Not meaningful without timesteps; use the overload that takes them.</summary>
    public override Tensor Forward(Tape tape, Tensor x) =>
        throw new NotSupportedException("the denoiser needs the timestep of every row; call Forward(tape, x, timesteps, labels)");

    /// <summary>The MLP at inference: each Linear as one product, then its bias and the ReLU that follows in one pass per row; dropout is off.</summary>
    private Tensor InferMlp(Tape tape, Tensor x)
    {
        var modules = _mlp.Modules;
        for (var i = 0; i < modules.Count; i++)
        {
            if (modules[i] is not Linear linear)
            {
                x = modules[i].Forward(tape, x);
                continue;
            }

            var y = tape.Input(x.Rows, linear.OutFeatures, zero: false);
            Gemm.Multiply(x.Span, linear.Weight.Span, y.Span, x.Rows, linear.OutFeatures, linear.InFeatures, maxThreads: tape.MaxThreads);
            var relu = i + 1 < modules.Count && modules[i + 1] is Activation { Kind: ActivationKind.Relu };
            for (var r = 0; r < y.Rows; r++)
            {
                var row = y.Row(r);
                if (linear.Bias is { } bias)
                {
                    TensorPrimitives.Add(row, bias.Span, row);
                }

                if (relu)
                {
                    TensorPrimitives.Max(row, 0f, row);
                }
            }

            i += relu ? 1 : 0;
            x = y;
        }

        return x;
    }
}
