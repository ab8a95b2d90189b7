namespace Doppel.Data;

/// <summary>A two-valued column (<see cref="ColumnKind.Boolean"/>) written back with the input's own spelling.</summary>
public sealed class BooleanColumn : Column
{
    /// <summary>Creates the column; <paramref name="trueText"/> and <paramref name="falseText"/> are how values are written.</summary>
    public BooleanColumn(string name, bool[] values, bool[]? missing = null, string trueText = "true", string falseText = "false")
        : base(name, values.Length, missing)
    {
        Values = values;
        TrueText = trueText;
        FalseText = falseText;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Boolean;

    /// <summary>The values (false at missing rows). Do not write to it.</summary>
    public bool[] Values { get; }

    /// <summary>How true is written, for example "yes" or "1".</summary>
    public string TrueText { get; }

    /// <summary>How false is written.</summary>
    public string FalseText { get; }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows) =>
        new BooleanColumn(Name, Gather(Values, rows), TakeMissing(rows), TrueText, FalseText);

    /// <inheritdoc />
    public override Column WithName(string name) => new BooleanColumn(name, Values, MissingArray, TrueText, FalseText);

    /// <inheritdoc />
    public override string? FormatValue(int row) => IsMissing(row) ? null : Values[row] ? TrueText : FalseText;
}
