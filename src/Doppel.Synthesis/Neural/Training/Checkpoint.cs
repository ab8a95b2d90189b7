using System.Globalization;
using Doppel.Data;
using Doppel.Neural;

namespace Doppel.Synthesis.Neural.Training;

/// <summary>
/// Checkpoints: a model file (so it loads and samples like any model) that also holds the state of the fit's
/// optimisers. The model's own blocks carry the weights, the data transformer and the <see cref="TrainingHistory"/>
/// (epoch and step counters, loss sums); this class adds the optimisers and reads them back.
/// </summary>
internal static class Checkpoint
{
    private const string StepsBlock = "training/optimizer/steps";

    /// <summary>Saves <paramref name="model"/> with the state of <paramref name="optimizers"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, ISynthesizerModel model, IReadOnlyList<Optimizer> optimizers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizers);
        ModelFile.Save(new WithOptimizers(model, optimizers), path);
    }

    // Layout: "training/optimizer/steps" int32 [optimisers]: each optimiser's step count; "training/optimizer/{i}/{j}"
    // float32 [length]: state buffer j of optimiser i (for Adam the first moments of each parameter, then the second).

    /// <summary>Reads the optimiser state a checkpoint holds, or null when the file is not a checkpoint.</summary>
    /// <exception cref="ModelFileException">The blocks are malformed.</exception>
    public static IReadOnlyList<OptimizerSnapshot>? ReadOptimizers(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.Has(StepsBlock))
        {
            return null;
        }

        var steps = reader.ReadInts(StepsBlock);
        var result = new List<OptimizerSnapshot>();
        for (var i = 0; i < steps.Length; i++)
        {
            var buffers = new List<float[]>();
            while (reader.Has(BufferName(i, buffers.Count)))
            {
                buffers.Add(reader.ReadFloats(BufferName(i, buffers.Count)));
            }

            result.Add(new OptimizerSnapshot(steps[i], buffers));
        }

        return result;
    }

    /// <summary>Overwrites the state of <paramref name="optimizers"/> with <paramref name="snapshots"/>.</summary>
    /// <exception cref="DoppelException">The snapshots do not fit the optimisers (another architecture).</exception>
    public static void Restore(IReadOnlyList<Optimizer> optimizers, IReadOnlyList<OptimizerSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(optimizers);
        ArgumentNullException.ThrowIfNull(snapshots);
        var fits = optimizers.Count == snapshots.Count && optimizers.Zip(snapshots).All(p =>
            p.First.StateBuffers.Count == p.Second.Buffers.Count
            && p.First.StateBuffers.Zip(p.Second.Buffers).All(b => b.First.Length == b.Second.Length));
        if (!fits)
        {
            throw new DoppelException("the checkpoint's optimiser state does not fit this model; was it saved by another synthesizer or with other options?");
        }

        foreach (var (optimizer, snapshot) in optimizers.Zip(snapshots))
        {
            optimizer.RestoreStepCount(snapshot.Steps);
            foreach (var (target, source) in optimizer.StateBuffers.Zip(snapshot.Buffers))
            {
                source.CopyTo(target, 0);
            }
        }
    }

    /// <summary>Loads the checkpoint at <paramref name="path"/>, which must have been written by the synthesizer of <paramref name="descriptor"/>.</summary>
    /// <exception cref="ModelFileException">The file is missing, invalid, or made by another synthesizer.</exception>
    public static T Load<T>(string path, SynthesizerDescriptor descriptor)
        where T : class, ISynthesizerModel
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!File.Exists(path))
        {
            throw new ModelFileException(path, "no such checkpoint file.");
        }

        using (var stream = File.OpenRead(path))
        {
            var name = ModelFile.ReadSynthesizerName(stream, path);
            if (name != descriptor.Name)
            {
                throw new ModelFileException(path, $"is a {name} model; it cannot resume a {descriptor.Name} fit.");
            }
        }

        return ModelFile.Load(path, new SynthesizerRegistry([descriptor])) as T
            ?? throw new ModelFileException(path, $"is not a {descriptor.Name} model.");
    }

    private static string BufferName(int optimizer, int buffer) =>
        string.Create(CultureInfo.InvariantCulture, $"training/optimizer/{optimizer}/{buffer}");

    /// <summary>The model's blocks plus the optimisers' state.</summary>
    private sealed class WithOptimizers(ISynthesizerModel model, IReadOnlyList<Optimizer> optimizers) : ISynthesizerModel
    {
        public string SynthesizerName => model.SynthesizerName;

        public TableSchema Schema => model.Schema;

        public ulong FitSeed => model.FitSeed;

        public IEnumerable<Table> SampleBatches(long rows, SampleOptions options, CancellationToken cancellationToken = default) =>
            model.SampleBatches(rows, options, cancellationToken);

        public void Write(ModelWriter writer)
        {
            model.Write(writer);
            writer.WriteInts(StepsBlock, [.. optimizers.Select(o => o.StepCount)]);
            for (var i = 0; i < optimizers.Count; i++)
            {
                for (var j = 0; j < optimizers[i].StateBuffers.Count; j++)
                {
                    writer.WriteFloats(BufferName(i, j), optimizers[i].StateBuffers[j]);
                }
            }
        }
    }
}

/// <summary>One optimiser's state as read from a checkpoint.</summary>
/// <param name="Steps">Its step count.</param>
/// <param name="Buffers">Its state buffers, in <see cref="Optimizer.StateBuffers"/> order.</param>
internal sealed record OptimizerSnapshot(int Steps, IReadOnlyList<float[]> Buffers);
