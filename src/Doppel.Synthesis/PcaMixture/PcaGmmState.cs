using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.PcaMixture;

/// <summary>The JSON state of a <c>pca-gmm</c> model.</summary>
/// <param name="Columns">The column encodings.</param>
/// <param name="Curve">The criterion curve of the mixture sweep.</param>
/// <param name="Chosen">The index in <paramref name="Curve"/> of the kept mixture.</param>
/// <param name="Components">The kept mixture's number of components.</param>
/// <param name="Covariance">The kept mixture's covariance type.</param>
/// <param name="PrincipalComponents">The number of kept principal components.</param>
/// <param name="ExplainedShare">The share of the numeric variance they explain.</param>
/// <param name="MissingIndicators">The numeric slots that had missing values; each has a two-level discrete slot after the table's own.</param>
/// <param name="LevelCounts">Per discrete column (by slot): the training rows of each level, the missing level last when present.</param>
internal sealed record PcaGmmState(
    ColumnEncoding[] Columns,
    SelectionPoint[] Curve,
    int Chosen,
    int Components,
    CovarianceType Covariance,
    int PrincipalComponents,
    double ExplainedShare,
    int[] MissingIndicators,
    long[][] LevelCounts);
