using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Doppel.Synthesis.Neural.Training;

/// <summary>
/// Where a neural fit stands: the per-epoch mean of each loss so far, and, when it stopped inside an epoch, how many
/// steps of that epoch were done with the running sums of their losses. Every random number of a fit derives from
/// these counters (<see cref="TrainingLoop"/>), so they are all a resumed run needs besides the weights and the
/// optimiser state. Immutable.
/// </summary>
internal sealed class TrainingHistory
{
    /// <summary>The block a model file keeps it in.</summary>
    public const string BlockName = "training/history.json";

    /// <summary>Creates a history.</summary>
    /// <exception cref="ArgumentException">The arrays disagree with the loss names.</exception>
    public TrainingHistory(ImmutableArray<string> lossNames, int rows, int completedEpochs, int stepsInEpoch,
        ImmutableArray<double> partialSums, ImmutableArray<ImmutableArray<double>> epochMeans)
    {
        if (partialSums.Length != lossNames.Length || epochMeans.Length != completedEpochs || epochMeans.Any(m => m.Length != lossNames.Length)
            || rows < 0 || completedEpochs < 0 || stepsInEpoch < 0)
        {
            throw new ArgumentException("the loss sums and epoch means must match the loss names and the epoch count", nameof(epochMeans));
        }

        (LossNames, Rows, CompletedEpochs, StepsInEpoch, PartialSums, EpochMeans) =
            (lossNames, rows, completedEpochs, stepsInEpoch, partialSums, epochMeans);
    }

    /// <summary>The loss names.</summary>
    public ImmutableArray<string> LossNames { get; }

    /// <summary>Training rows of the fit (a resumed fit must see as many).</summary>
    public int Rows { get; }

    /// <summary>Epochs finished.</summary>
    public int CompletedEpochs { get; }

    /// <summary>Steps finished in the epoch after <see cref="CompletedEpochs"/> (0 at an epoch boundary).</summary>
    public int StepsInEpoch { get; }

    /// <summary>The sums of each loss over those steps.</summary>
    public ImmutableArray<double> PartialSums { get; }

    /// <summary>Per finished epoch, the mean of each loss (in <see cref="LossNames"/> order).</summary>
    public ImmutableArray<ImmutableArray<double>> EpochMeans { get; }

    /// <summary>The per-epoch means by loss name, as the HTML report takes them.</summary>
    public ImmutableDictionary<string, ImmutableArray<double>> LossCurves =>
        LossNames.Select((name, k) => (name, k)).ToImmutableDictionary(p => p.name, p => EpochMeans.Select(m => m[p.k]).ToImmutableArray(), StringComparer.Ordinal);

    /// <summary>A history with nothing trained yet.</summary>
    public static TrainingHistory Start(ImmutableArray<string> lossNames, int rows) =>
        new(lossNames, rows, 0, 0, [.. new double[lossNames.Length]], []);

    // Layout: the JSON block "training/history.json": loss_names, rows, completed_epochs, steps_in_epoch,
    // partial_sums and epoch_means (one array per finished epoch), doubles in shortest round-trip form.

    /// <summary>Writes the history as the block <see cref="BlockName"/>.</summary>
    public void Write(ModelWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteJson(BlockName, new HistoryJson([.. LossNames], Rows, CompletedEpochs, StepsInEpoch, [.. PartialSums], [.. EpochMeans.Select(m => m.ToArray())]),
            HistoryJsonContext.Default.HistoryJson);
    }

    /// <summary>Reads the history, or returns null when the file has none (a model that was not trained in epochs).</summary>
    /// <exception cref="ModelFileException">The block is malformed.</exception>
    public static TrainingHistory? Read(ModelReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.Has(BlockName))
        {
            return null;
        }

        var json = reader.ReadJson(BlockName, HistoryJsonContext.Default.HistoryJson);
        try
        {
            return new TrainingHistory([.. json.LossNames], json.Rows, json.CompletedEpochs, json.StepsInEpoch, [.. json.PartialSums],
                [.. json.EpochMeans.Select(m => m.ToImmutableArray())]);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException(reader.File, $"block '{BlockName}' is inconsistent: {e.Message}", e);
        }
    }
}

internal sealed record HistoryJson(string[] LossNames, int Rows, int CompletedEpochs, int StepsInEpoch, double[] PartialSums, double[][] EpochMeans);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(HistoryJson))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
