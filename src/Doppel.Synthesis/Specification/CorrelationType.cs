namespace Doppel.Synthesis.Specification;

/// <summary>Which correlation coefficient a specification's target matrix holds.</summary>
public enum CorrelationType
{
    /// <summary>Pearson's product-moment correlation of the values (JSON <c>"pearson"</c>).</summary>
    Pearson,

    /// <summary>Spearman's rank correlation, ties given mid-ranks (JSON <c>"spearman"</c>).</summary>
    Spearman,

    /// <summary>Kendall's tau-b (JSON <c>"kendall"</c>).</summary>
    Kendall,
}
