using System.Collections.Immutable;

namespace Doppel.Evaluation.Report;

/// <summary>What the HTML report shows beyond the evaluation itself.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The page title. Default "Synthetic data quality report".</summary>
    public string Title { get; init; } = "Synthetic data quality report";

    /// <summary>
    /// Training-loss curves of the model that made the synthetic rows, by loss name (for example "generator",
    /// "discriminator"), one value per step or epoch; empty when the model recorded none (the section is then left out).
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<double>> LossCurves { get; init; } = ImmutableDictionary<string, ImmutableArray<double>>.Empty;

    /// <summary>Seed of the row subsets drawn for the scatter plot. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Rows per side shown in the PCA scatter plot. Default 1,500.</summary>
    public int ScatterRows { get; init; } = 1_500;

    /// <summary>Categories shown per bar chart (the most frequent in the real data). Default 20.</summary>
    public int MaxCategories { get; init; } = 20;
}
