using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// TabDDPM (Kotelnikov et al., 2023): Gaussian diffusion of quantile-normalised numeric columns and multinomial
/// diffusion of discrete ones, denoised by one MLP conditioned on the timestep (and optionally on a target class),
/// trained for a budget of steps with AdamW and sampled with a moving average of its weights.
/// </summary>
public sealed class TabDdpmSynthesizer : ISynthesizer
{
    /// <summary>The registry name.</summary>
    public const string SynthesizerName = "tabddpm";

    /// <summary>Steps per averaged entry of the stored loss curve and per progress report.</summary>
    internal const int LogEvery = 50;

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
    public ISynthesizerModel Fit(Table data, FitOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        if (data.RowCount == 0)
        {
            throw new SchemaException(data.Schema.Count > 0 ? data.Schema.Columns[0].Name : "table", "tabddpm needs at least one training row.");
        }

        var codec = TabularCodec.Fit(data, Options.Target, Options.Knots);
        var rng = new Rng(options.Seed).Fork("tabddpm");
        var denoiser = TabDdpmModel.CreateDenoiser(codec, Options, rng.Fork("init"));
        var curve = new List<float>();
        if (denoiser is not null)
        {
            var schedule = new NoiseSchedule(Options.Schedule, Options.DiffusionSteps);
            var trainer = new DiffusionTrainer(codec, data, schedule, denoiser, Options, rng.Fork("train"), options.MaxDegreeOfParallelism);
            var (gaussian, multinomial, count) = (0.0, 0.0, 0);
            for (var step = 0; step < Options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var losses = trainer.Step(step);
                (gaussian, multinomial, count) = (gaussian + losses.Gaussian, multinomial + losses.Multinomial, count + 1);
                if (count == LogEvery || step == Options.Steps - 1)
                {
                    curve.AddRange([step + 1, (float)(gaussian / count), (float)(multinomial / count)]);
                    progress?.Report(new TrainingProgress("step", step + 1, Options.Steps, new Dictionary<string, double>
                    {
                        ["gaussian"] = gaussian / count,
                        ["multinomial"] = multinomial / count,
                    }.ToImmutableDictionary()));
                    (gaussian, multinomial, count) = (0, 0, 0);
                }
            }

            trainer.Ema.CopyTo();
        }

        return new TabDdpmModel(Options, codec, denoiser, [.. curve], options.Seed);
    }
}
