namespace Doppel.Synthesis.Specification;

/// <summary>How rows are generated from a specification.</summary>
public enum SpecMethod
{
    /// <summary>The best method for the specification: NORTA followed by the rank-swap refinement (see docs/MODELS.md).</summary>
    Auto,

    /// <summary>Plain NORTA: Gaussian copula with solved normal-scale correlations and exact inverse CDFs (CLI <c>norta</c>).</summary>
    Norta,

    /// <summary>Iman-Conover rank reordering of exact marginal samples, with iterative correction (CLI <c>iman-conover</c>).</summary>
    ImanConover,

    /// <summary>A network trained to map noise to rows matching the marginals' quantiles and the target correlation; marginals are approximate (CLI <c>neural</c>).</summary>
    Neural,
}
