using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Benchmarks.Neural;

/// <summary>
/// Wall time to train the digits MLP of the engine's accuracy test (64 → 256 ReLU, dropout 0.3 → 10, AdamW,
/// cosine schedule, batch 32, 20 epochs over the 80% training split) from scratch; one training per invocation.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DigitsMlpBenchmarks
{
    private const int Width = 64;
    private float[] _features = [];
    private int[] _labels = [];
    private int[] _train = [];

    [GlobalSetup]
    public void Setup()
    {
        var lines = File.ReadAllLines(BenchmarkFiles.Data("digits.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        _features = new float[lines.Length * Width];
        _labels = new int[lines.Length];
        for (var r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 0; c < Width; c++)
            {
                _features[(r * Width) + c] = float.Parse(cells[c], CultureInfo.InvariantCulture) / 16f;
            }

            _labels[r] = int.Parse(cells[Width], CultureInfo.InvariantCulture);
        }

        var order = Enumerable.Range(0, lines.Length).ToArray();
        new Rng(0).Shuffle(order);
        _train = order[..(order.Length * 4 / 5)];
        for (var c = 0; c < Width; c++)
        {
            // z-scores per pixel from the training rows, as in the accuracy test.
            var mean = _train.Average(r => _features[(r * Width) + c]);
            var sd = Math.Sqrt(_train.Average(r => Math.Pow(_features[(r * Width) + c] - mean, 2)));
            for (var i = c; i < _features.Length; i += Width)
            {
                _features[i] = sd > 0 ? (float)((_features[i] - mean) / sd) : 0f;
            }
        }
    }

    [Benchmark(Baseline = true)]
    public float Train20Epochs() => Train(20);

    [Benchmark]
    public float Train10Epochs() => Train(10);

    private float Train(int epochs, int batch = 32)
    {
        var rng = new Rng(42);
        var model = new Sequential(new Linear(Width, 256, rng.Fork("init/0")), new Activation(ActivationKind.Relu), new Dropout(0.3f), new Linear(256, 10, rng.Fork("init/1")));
        var adam = Adam.AdamW(model.Parameters(), learningRate: 2e-3f, weightDecay: 1e-2f);
        var tape = new Tape(rng.Fork("dropout"));
        var order = (int[])_train.Clone();
        var shuffle = rng.Fork("shuffle");
        var (steps, step, loss) = (epochs * (order.Length / batch), 0, 0f);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            shuffle.Shuffle(order);
            for (var start = 0; start + batch <= order.Length; start += batch)
            {
                tape.Reset();
                var x = tape.Input(batch, Width, zero: false);
                var target = tape.Input(batch, 10);
                for (var r = 0; r < batch; r++)
                {
                    _features.AsSpan(order[start + r] * Width, Width).CopyTo(x.Row(r));
                    target[r, _labels[order[start + r]]] = 1f;
                }

                adam.ZeroGrad();
                adam.LearningRate = LearningRateSchedule.Cosine(2e-3f, step++, steps);
                var l = tape.Mean(tape.CrossEntropyWithLogits(model.Forward(tape, x), target));
                tape.Backward(l);
                adam.Step();
                loss = l.Scalar;
            }
        }

        return loss;
    }
}
