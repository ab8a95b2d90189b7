using System.Globalization;

namespace Doppel.Data;

/// <summary>An int64 column (<see cref="ColumnKind.Integer"/>). Missing rows hold 0; the mask is the authority.</summary>
public sealed class IntegerColumn : Column
{
    /// <summary>Creates the column.</summary>
    public IntegerColumn(string name, long[] values, bool[]? missing = null)
        : base(name, values.Length, missing)
    {
        Values = values;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Integer;

    /// <summary>The values (0 at missing rows). Do not write to it.</summary>
    public long[] Values { get; }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows) => new IntegerColumn(Name, Gather(Values, rows), TakeMissing(rows));

    /// <inheritdoc />
    public override Column WithName(string name) => new IntegerColumn(name, Values, MissingArray);

    /// <inheritdoc />
    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : Values[row].ToString(CultureInfo.InvariantCulture);
}
