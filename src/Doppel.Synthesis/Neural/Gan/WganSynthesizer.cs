using Doppel.Data;
using Doppel.Synthesis.Neural.Training;
using Doppel.Synthesis.Neural.Transform;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// The <c>wgan</c> synthesizer: a Wasserstein GAN with weight clipping and RMSprop, the original recipe
/// (Arjovsky et al., 2017; <see cref="WganOptions"/>), over the shared <see cref="DataTransformer"/>'s encoding.
/// </summary>
internal sealed class WganSynthesizer : ISynthesizer
{
    /// <summary>Creates the synthesizer.</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public WganSynthesizer(WganOptions? options = null)
    {
        Options = options ?? new WganOptions();
        Options.Validate();
    }

    /// <summary>The registry entry.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        "wgan",
        "Wasserstein GAN (Arjovsky et al., 2017): MLP generator and critic, weight clipping, RMSprop",
        json => new WganSynthesizer(OptionsJson.Parse(json, "wgan", GanJsonContext.Default.WganOptions)),
        WganModel.ReadWgan);

    /// <inheritdoc />
    public string Name => "wgan";

    /// <summary>The hyperparameters.</summary>
    public WganOptions Options { get; }

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WassersteinFit.Run(Descriptor, WganModel.RecipeOf(Options), data, options, progress, cancellationToken);
}

/// <summary>The fit shared by <c>wgan</c> and <c>wgan-gp</c>, with checkpoints and resume.</summary>
internal static class WassersteinFit
{
    public static WganModel Run(SynthesizerDescriptor descriptor, WganRecipe recipe, Table data, FitOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var name = descriptor.Name;
        if (data.RowCount == 0)
        {
            throw new DoppelException($"{name}: the table has no rows to learn from.");
        }

        var resumed = options.ResumeFrom is { } path ? Checkpoint.Load<WganModel>(path, descriptor) : null;
        if (resumed is not null && (resumed.Resume is null || resumed.History is null || resumed.Critic is null))
        {
            throw new ModelFileException(options.ResumeFrom!, "is a finished model, not a checkpoint; save one with --checkpoint to resume.");
        }

        recipe = resumed?.Recipe ?? recipe; // a resumed fit keeps the checkpoint's options
        var setup = recipe.Setup;
        var seed = resumed?.FitSeed ?? options.Seed;
        var root = new Rng(seed);
        var parallelism = Math.Max(1, options.MaxDegreeOfParallelism);
        var transformer = resumed?.Transformer ?? DataTransformer.Fit(data, new DataTransformerOptions(), root.Fork(name + "/transformer"), parallelism, cancellationToken);
        var encoded = transformer.Transform(data, root.Fork(name + "/encode"));
        var trainer = new WassersteinTrainer(setup, GanLayout.From(transformer), encoded, data.RowCount, root.Fork(name + "/init"), parallelism,
            resumed?.Generator, resumed?.Critic);
        trainer.Generator.Training = true;
        if (resumed is not null)
        {
            Checkpoint.Restore(trainer.Optimizers, resumed.Resume!);
        }

        var checkpoint = options.CheckpointPath is { } target
            ? new CheckpointTarget(target, history => Checkpoint.Save(target,
                new WganModel(recipe, new WganParts(transformer, trainer.Generator, trainer.Critic, history), seed), trainer.Optimizers))
            : null;
        var start = resumed?.History ?? TrainingHistory.Start(trainer.LossNames, data.RowCount);
        var history = TrainingLoop.Run(trainer, WassersteinTrainer.Plan(setup, recipe.Epochs, data.RowCount), root.Fork(name + "/train"), start, progress, checkpoint, cancellationToken);
        trainer.Generator.Training = false;
        return new WganModel(recipe, new WganParts(transformer, trainer.Generator, null, history), seed);
    }
}
