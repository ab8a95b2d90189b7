namespace Doppel.Data;

/// <summary>How a column's values are understood and therefore how a synthesizer treats them.</summary>
public enum ColumnKind
{
    /// <summary>Real numbers (float64), sampled on a continuous scale.</summary>
    Continuous,

    /// <summary>Whole numbers (int64): continuous for modelling, written back as integers.</summary>
    Integer,

    /// <summary>A finite set of labels (strings kept verbatim), dictionary-coded.</summary>
    Categorical,

    /// <summary>Two values, with the input's own spelling of true and false.</summary>
    Boolean,

    /// <summary>Instants stored as ticks and written back in the input's format.</summary>
    DateTime,

    /// <summary>Keys and unique strings: never learned, regenerated as fresh unique values.</summary>
    Identifier,
}
