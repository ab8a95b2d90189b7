using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Specification.Neural;

/// <summary>
/// Generation from a specification by a trained network: an MLP maps Gaussian noise to one output per variable and
/// is trained so that (a) each output column, sorted within the batch, matches the marginal's quantiles at
/// (i + 0.5) / batch (mean squared error on a robust standardised scale), and (b) the batch Pearson correlation
/// matrix of the outputs is close to the nearest attainable target (λ times the squared Frobenius distance).
/// The marginals are therefore only approximate. A categorical variable gets a span of logits and a Gumbel-softmax
/// draw; its loss adds the squared error of the batch's mean draw against the category probabilities, and its
/// value in the other losses is its code 0..k-1. Other discrete variables (counts) are learned as continuous
/// outputs and snapped to the nearest atom at sampling time; integer-valued
/// marginals are thus rounded to their nearest attainable value. The correlation term is always Pearson on the
/// outputs, whatever the specification's correlation type. Continuous outputs are clamped into the marginal's
/// <see cref="Marginal.Range"/> (all but 1e-6 of the mass at each end), so they never leave its support. Training is deterministic for a given seed.
/// </summary>
internal static class NeuralSpecGenerator
{
    /// <summary>Trains the network on the checked specification and draws <paramref name="rows"/> rows: one array per variable.</summary>
    public static double[][] Generate(FeasibilityReport report, int rows, NeuralSpecOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        options.Validate();
        IReadOnlyList<Marginal> marginals = report.Marginals;
        var d = marginals.Count;
        var batch = options.BatchSize;
        var noiseDim = Math.Max(16, d);
        var (centre, scale) = RobustScales(marginals);
        var quantiles = QuantileTargets(marginals, batch, centre, scale);
        var target = report.AttainableTarget.ToArray().Select(v => (float)v).ToArray();
        var layout = new Layout(marginals, centre, scale);
        var model = BuildModel(noiseDim, options.HiddenWidth, options.HiddenLayers, layout.Width, rng.Fork("init"));
        var adam = new Adam(model.Parameters(), learningRate: options.LearningRate);
        var tape = new Tape(rng.Fork("tape")) { MaxThreads = 1 };
        var noise = rng.Fork("noise");
        var gumbel = rng.Fork("gumbel");
        var centring = Centring(batch);
        var identity = Identity(batch);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (var step = 0; step < options.Steps; step++)
        {
            if (options.MaxSeconds > 0 && stopwatch.Elapsed.TotalSeconds > options.MaxSeconds)
            {
                break;
            }

            tape.Reset();
            var z = tape.RandomNormal(batch, noiseDim, noise);
            var y = layout.Values(tape, model.Forward(tape, z), hard: true, gumbel, out var categoryLoss);

            // Quantile loss: the batch sorted per variable against the marginal's quantiles.
            var columns = tape.MatMul(y, tape.Input(identity, batch, batch), transposeA: true);
            var quantileLoss = tape.MseLoss(tape.SortRows(columns), tape.Input(quantiles, d, batch));

            // Correlation loss: ||corr(y) - target||²_F.
            var centred = tape.MatMul(tape.Input(centring, batch, batch), y);
            var variance = tape.Mean(tape.Mul(centred, centred), 0);
            var inverseSd = tape.Pow(tape.Affine(variance, 1f, 1e-6f), -0.5f);
            var covariance = tape.Affine(tape.MatMul(centred, centred, transposeA: true), 1f / batch);
            var correlation = tape.Mul(covariance, tape.MatMul(inverseSd, inverseSd, transposeA: true));
            var correlationLoss = tape.Affine(tape.MseLoss(correlation, tape.Input(target, d, d)), (float)(options.CorrelationWeight * d * d));
            var loss = tape.Add(quantileLoss, correlationLoss);
            if (categoryLoss is not null)
            {
                loss = tape.Add(loss, categoryLoss);
            }


            adam.ZeroGrad();
            adam.LearningRate = LearningRateSchedule.Cosine(options.LearningRate, step, options.Steps, options.LearningRate / 10);
            tape.Backward(loss);
            adam.Step();
        }

        return Sample(model, layout, marginals, rows, noiseDim, centre, scale, rng.Fork("sample"));
    }

    private static Sequential BuildModel(int input, int hidden, int layers, int output, Rng rng)
    {
        var modules = new List<Module>();
        var width = input;
        for (var l = 0; l < layers; l++)
        {
            modules.Add(new Linear(width, hidden, rng.Fork("layer", l)));
            modules.Add(new Activation(ActivationKind.Silu));
            width = hidden;
        }

        modules.Add(new Linear(width, output, rng.Fork("layer", layers)));
        return new Sequential([.. modules]);
    }

    private static double[][] Sample(Sequential model, Layout layout, IReadOnlyList<Marginal> marginals, int rows, int noiseDim, double[] centre, double[] scale, Rng rng)
    {
        var d = marginals.Count;
        var values = new double[d][];
        for (var j = 0; j < d; j++)
        {
            values[j] = new double[rows];
        }

        var tape = new Tape(rng.Fork("tape")) { NoGrad = true, MaxThreads = 1 };
        const int Chunk = 4096;
        for (var start = 0; start < rows; start += Chunk)
        {
            var n = Math.Min(Chunk, rows - start);
            tape.Reset();
            var y = layout.Values(tape, model.Forward(tape, tape.RandomNormal(n, noiseDim, rng)), hard: true, rng, out _);
            for (var i = 0; i < n; i++)
            {
                var row = y.Row(i);
                for (var j = 0; j < d; j++)
                {
                    values[j][start + i] = centre[j] + (scale[j] * row[j]);
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            if (!marginals[j].Labels.IsDefaultOrEmpty)
            {
                // Hard Gumbel draw: the value is the code of the drawn category (already exact).
                var column = values[j];
                for (var i = 0; i < rows; i++)
                {
                    column[i] = Math.Round(column[i]);
                }
            }
            else if (marginals[j].IsDiscrete)
            {
                SnapToAtoms(values[j], marginals[j].AtomValues);
            }
            else
            {
                var (low, high) = marginals[j].Range;
                var column = values[j];
                for (var i = 0; i < rows; i++)
                {
                    column[i] = Math.Clamp(column[i], low, high);
                }
            }
        }

        return values;
    }

    /// <summary>
    /// How the network's outputs map to variables: one output per continuous or count variable, a span of k logits
    /// per categorical one, turned by hard Gumbel-softmax (temperature 0.5, straight-through gradient) into a drawn
    /// category whose code (on the variable's robust scale) is the variable's value in the quantile and correlation
    /// losses; training on hard draws keeps the correlation of the sampled codes unattenuated.
    /// </summary>
    private sealed class Layout
    {
        private const float Temperature = 0.5f;
        private readonly int[] _offsets;
        private readonly int[] _widths;
        private readonly float[][] _codes;
        private readonly float[][] _probabilities;

        public Layout(IReadOnlyList<Marginal> marginals, double[] centre, double[] scale)
        {
            var d = marginals.Count;
            _offsets = new int[d];
            _widths = new int[d];
            _codes = new float[d][];
            _probabilities = new float[d][];
            var offset = 0;
            for (var j = 0; j < d; j++)
            {
                _offsets[j] = offset;
                var m = marginals[j];
                if (!m.Labels.IsDefaultOrEmpty)
                {
                    var k = m.Labels.Length;
                    var atoms = m.AtomValues.ToArray();
                    var probabilities = m.AtomProbabilities.ToArray();
                    _codes[j] = new float[k];
                    _probabilities[j] = new float[k];
                    for (var c = 0; c < k; c++)
                    {
                        _codes[j][c] = (float)((c - centre[j]) / scale[j]);
                        var a = Array.IndexOf(atoms, (double)c);
                        _probabilities[j][c] = a >= 0 ? (float)probabilities[a] : 0f;
                    }

                    _widths[j] = k;
                }
                else
                {
                    _widths[j] = 1;
                }

                offset += _widths[j];
            }

            Width = offset;
        }

        public int Width { get; }

        /// <summary>The (rows, d) values on the robust scales; for categorical spans also Σ over spans of the squared error of the batch's mean probabilities against the category probabilities.</summary>
        public Tensor Values(Tape tape, Tensor outputs, bool hard, Rng rng, out Tensor? categoryLoss)
        {
            categoryLoss = null;
            var parts = new Tensor[_offsets.Length];
            for (var j = 0; j < parts.Length; j++)
            {
                if (_codes[j] is not { } codes)
                {
                    parts[j] = tape.Slice(outputs, _offsets[j], 1);
                    continue;
                }

                var k = codes.Length;
                var soft = tape.GumbelSoftmax(outputs, _offsets[j], k, Temperature, hard, rng);
                parts[j] = tape.MatMul(soft, tape.Input(codes, k, 1));
                if (!tape.NoGrad)
                {
                    var error = tape.Affine(tape.MseLoss(tape.Mean(soft, 0), tape.Input(_probabilities[j], 1, k)), k);
                    categoryLoss = categoryLoss is null ? error : tape.Add(categoryLoss, error);
                }
            }

            return parts.Length == 1 ? parts[0] : tape.Concat(parts);
        }
    }

    /// <summary>Replaces every value by the nearest atom (ties to the lower one).</summary>
    internal static void SnapToAtoms(double[] column, ReadOnlySpan<double> atoms)
    {
        if (atoms.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < column.Length; i++)
        {
            var v = column[i];
            var k = atoms.BinarySearch(v);
            if (k >= 0)
            {
                continue;
            }

            k = ~k;
            column[i] = k == 0 ? atoms[0]
                : k == atoms.Length ? atoms[^1]
                : v - atoms[k - 1] <= atoms[k] - v ? atoms[k - 1] : atoms[k];
        }
    }

    /// <summary>Median and interquartile range / 1.349 (1 when degenerate): finite even for heavy-tailed marginals.</summary>
    private static (double[] Centre, double[] Scale) RobustScales(IReadOnlyList<Marginal> marginals)
    {
        var centre = new double[marginals.Count];
        var scale = new double[marginals.Count];
        for (var j = 0; j < marginals.Count; j++)
        {
            var m = marginals[j];
            centre[j] = m.InverseCdf(0.5);
            var iqr = m.InverseCdf(0.75) - m.InverseCdf(0.25);
            if (!(iqr > 0))
            {
                iqr = m.InverseCdf(0.95) - m.InverseCdf(0.05);
            }

            scale[j] = iqr > 0 && double.IsFinite(iqr) ? iqr / 1.349 : 1;
        }

        return (centre, scale);
    }

    private static float[] QuantileTargets(IReadOnlyList<Marginal> marginals, int batch, double[] centre, double[] scale)
    {
        var d = marginals.Count;
        var q = new float[d * batch];
        for (var j = 0; j < d; j++)
        {
            for (var i = 0; i < batch; i++)
            {
                q[(j * batch) + i] = (float)((marginals[j].InverseCdf((i + 0.5) / batch) - centre[j]) / scale[j]);
            }
        }

        return q;
    }

    private static float[] Identity(int n)
    {
        var m = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = 1f;
        }

        return m;
    }

    private static float[] Centring(int n)
    {
        var m = new float[n * n];
        Array.Fill(m, -1f / n);
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] += 1f;
        }

        return m;
    }
}
