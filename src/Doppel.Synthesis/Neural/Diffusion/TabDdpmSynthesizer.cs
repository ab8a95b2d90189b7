using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Neural.Training;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// TabDDPM (Kotelnikov et al., 2023): Gaussian diffusion of quantile-normalised numeric columns and multinomial
/// diffusion of discrete ones, denoised by one MLP conditioned on the timestep (and optionally on a target class),
/// trained for a budget of steps with AdamW and sampled with a moving average of its weights.
/// </summary>
internal sealed class TabDdpmSynthesizer : ISynthesizer
{
    /// <summary>The registry name.</summary>
    public const string SynthesizerName = "tabddpm";

    /// <summary>Steps per averaged entry of the stored loss curve and per progress report.</summary>
    internal const int LogEvery = 50;

    /// <summary>Steps between checkpoints (besides the one saved on cancellation), when a checkpoint path is given.</summary>
    internal const int CheckpointEvery = 1000;

    /// <summary>Creates the synthesizer with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="InvalidOptionsException">The options are invalid.</exception>
    public TabDdpmSynthesizer(TabDdpmOptions? options = null)
    {
        Options = options ?? new TabDdpmOptions();
        Options.Validate();
    }

    /// <summary>The registry entry: name, summary, factory and model reader.</summary>
    public static SynthesizerDescriptor Descriptor { get; } = new(
        SynthesizerName,
        "Diffusion model (TabDDPM): Gaussian diffusion for numbers, multinomial for categories; strongest fidelity, slowest to train.",
        overrides => new TabDdpmSynthesizer(OptionsJson.Parse(overrides, SynthesizerName, TabDdpmJsonContext.Default.TabDdpmOptions)),
        TabDdpmModel.Read);

    /// <summary>The hyperparameters.</summary>
    public TabDdpmOptions Options { get; }

    /// <inheritdoc />
    public string Name => SynthesizerName;

    /// <inheritdoc />
    /// <exception cref="TrainingCancelledException">Cancelled; a checkpoint was saved when one was asked for.</exception>
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        if (data.RowCount == 0)
        {
            throw new SchemaException(data.Schema.Count > 0 ? data.Schema.Columns[0].Name : "table", "tabddpm needs at least one training row.");
        }

        var resumed = options.ResumeFrom is { } path ? Checkpoint.Load<TabDdpmModel>(path, Descriptor) : null;
        if (resumed is not null && resumed.Training is null)
        {
            throw new ModelFileException(options.ResumeFrom!, "is a finished model, not a checkpoint; save one with --checkpoint to resume.");
        }

        if (resumed?.Training is { } state && (state.Rows != data.RowCount || !resumed.Schema.Equals(data.Schema)))
        {
            throw new DoppelException($"the checkpoint was made on {state.Rows} rows of another table or schema; this fit has {data.RowCount} rows. Resume with the same data.");
        }

        var settings = resumed?.Options ?? Options.ForRows(data.RowCount);
        var seed = resumed?.FitSeed ?? options.Seed;
        var codec = resumed?.Codec ?? TabularCodec.Fit(data, settings.Target, settings.Knots);
        var rng = new Rng(seed).Fork("tabddpm");
        var denoiser = resumed is not null ? resumed.Training!.Raw : TabDdpmModel.CreateDenoiser(codec, settings, rng.Fork("init"));
        if (denoiser is null)
        {
            return new TabDdpmModel(settings, codec, null, [], seed);
        }

        var trainer = new DiffusionTrainer(codec, data, new NoiseSchedule(settings.Schedule, settings.DiffusionSteps), denoiser, settings,
            rng.Fork("train"), options.MaxDegreeOfParallelism);
        var run = new Run(settings, codec, trainer, seed, data.RowCount, options.CheckpointPath);
        if (resumed is not null)
        {
            run.Resume(resumed);
        }

        run.Train(progress, cancellationToken);
        trainer.Ema.CopyTo();
        return new TabDdpmModel(settings, codec, denoiser, [.. run.Curve], seed);
    }

    /// <summary>
    /// The step loop of one fit: loss intervals of <see cref="LogEvery"/> steps (counted from step 0, so a resumed
    /// run logs the same intervals), progress after each, a checkpoint every <see cref="CheckpointEvery"/> steps and
    /// on cancellation at the end of a step.
    /// </summary>
    private sealed class Run(TabDdpmOptions settings, TabularCodec codec, DiffusionTrainer trainer, ulong seed, int rows, string? checkpointPath)
    {
        private int _start;
        private double _gaussian;
        private double _multinomial;
        private int _count;

        public List<float> Curve { get; } = [];

        public void Resume(TabDdpmModel checkpoint)
        {
            var state = checkpoint.Training!;
            (_start, _gaussian, _multinomial, _count) = (state.CompletedSteps, state.PartialGaussian, state.PartialMultinomial, state.PartialCount);
            Curve.AddRange(checkpoint.LossCurve);
            var averaged = checkpoint.Denoiser!.Parameters();
            for (var i = 0; i < averaged.Count; i++)
            {
                averaged[i].Span.CopyTo(trainer.Ema.Shadow[i].Span);
            }

            Checkpoint.Restore([trainer.Optimizer], state.Optimizers ?? throw new ModelFileException("checkpoint", "holds no optimiser state"));
        }

        public void Train(IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var step = _start; step < settings.Steps; step++)
            {
                var losses = trainer.Step(step);
                (_gaussian, _multinomial, _count) = (_gaussian + losses.Gaussian, _multinomial + losses.Multinomial, _count + 1);
                if ((step + 1) % LogEvery == 0 || step + 1 == settings.Steps)
                {
                    Curve.AddRange([step + 1, (float)(_gaussian / _count), (float)(_multinomial / _count)]);
                    var elapsed = clock.Elapsed;
                    progress?.Report(new TrainingProgress("step", step + 1, settings.Steps, new Dictionary<string, double>
                    {
                        ["gaussian"] = _gaussian / _count,
                        ["multinomial"] = _multinomial / _count,
                    }.ToImmutableDictionary())
                    {
                        Elapsed = elapsed,
                        Remaining = elapsed * ((double)(settings.Steps - step - 1) / (step + 1 - _start)),
                    });
                    (_gaussian, _multinomial, _count) = (0, 0, 0);
                }

                var last = step + 1 == settings.Steps;
                if (checkpointPath is not null && !last && (cancellationToken.IsCancellationRequested || (step + 1) % CheckpointEvery == 0))
                {
                    Save(checkpointPath, step + 1);
                }

                if (cancellationToken.IsCancellationRequested && !last)
                {
                    // The exception counts epochs: passes over the training rows.
                    throw new TrainingCancelledException(checkpointPath, (int)((long)(step + 1) * settings.BatchSize / rows) + 1, cancellationToken);
                }
            }
        }

        private void Save(string path, int completed)
        {
            var averaged = TabDdpmModel.CreateDenoiser(codec, settings, new Rng(0))!;
            var parameters = averaged.Parameters();
            for (var i = 0; i < parameters.Count; i++)
            {
                trainer.Ema.Shadow[i].Span.CopyTo(parameters[i].Span);
            }

            var state = new TrainingState(completed, rows, _gaussian, _multinomial, _count, trainer.Denoiser, null);
            Checkpoint.Save(path, new TabDdpmModel(settings, codec, averaged, [.. Curve], seed, state), [trainer.Optimizer]);
        }
    }
}
