using System.Diagnostics;
using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.PcaMixture;

namespace Doppel.Cli.Commands;

/// <summary>
/// The image part of <c>doppel demo</c>: fits <c>pca-gmm</c> on the bundled handwritten digits (copied next to the
/// executable as <c>data/digits.csv</c>), samples ten images of each digit by conditioning on the label, and writes
/// them as a PNG grid (one grid row per digit, 0 to 9) with the model.
/// </summary>
internal static class DigitsDemo
{
    /// <summary>The bundled table, relative to the executable's folder.</summary>
    internal static string BundledData => Path.Combine(AppContext.BaseDirectory, "data", "digits.csv");

    /// <summary>The grid's file name in the demo folder.</summary>
    internal const string GridFile = "digits-pca-gmm.png";

    /// <summary>
    /// The demo's options: 90% of the variance (31 components of the 64 standardised pixels) instead of the
    /// default 99% (54), which fits four times faster and gives digits as recognisable.
    /// </summary>
    internal static PcaGmmOptions Options { get; } = new() { VarianceShare = 0.9 };

    /// <summary>Fits, samples and writes <c>digits.model</c> and the grid into <paramref name="folder"/>; returns the grid's path.</summary>
    public static string Run(CliContext context, string folder, ulong seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var digits = CsvTableReader.Read(BundledData, new CsvReadOptions { Overrides = new SchemaOverrides { Discrete = ["digit"] } });
        var model = new PcaGmmSynthesizer(Options).Fit(digits, new FitOptions { Seed = seed }, context.Progress(), cancellationToken);
        var rows = Enumerable.Range(0, 10).Select(d => model.Sample(DigitGrid.Columns, new SampleOptions
        {
            Seed = seed,
            Conditions = [new Condition("digit", ConditionOperator.Equal, d.ToString(CultureInfo.InvariantCulture))],
        }, cancellationToken));
        var samples = TableConcat.Concat([.. rows]);
        model.Save(Path.Combine(folder, "digits.model"));
        var path = Path.Combine(folder, GridFile);
        var png = DigitGrid.Png(samples);
        AtomicFile.Write(path, stream => stream.Write(png));
        var fitted = (PcaGmmModel)model;
        context.Say(string.Create(CultureInfo.InvariantCulture,
            $"fitted pca-gmm on {digits.RowCount:N0} digits ({fitted.PrincipalComponentCount} principal components, {fitted.Chosen.Components} {fitted.Chosen.Covariance.ToString().ToLowerInvariant()} mixture components) in {clock.Elapsed.TotalSeconds:F2} s"));
        context.Say($"sampled digits 0 to 9 (one row each): {path}");
        return path;
    }
}
