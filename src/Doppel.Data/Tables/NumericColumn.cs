using System.Globalization;

namespace Doppel.Data;

/// <summary>A float64 column (<see cref="ColumnKind.Continuous"/>). Missing rows hold NaN; the mask is the authority.</summary>
public sealed class NumericColumn : Column
{
    /// <summary>Creates the column; values at missing rows are set to NaN.</summary>
    public NumericColumn(string name, double[] values, bool[]? missing = null)
        : base(name, values.Length, missing)
    {
        Values = values;
        if (MissingArray is { } mask)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                if (mask[i])
                {
                    values[i] = double.NaN;
                }
            }
        }
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Continuous;

    /// <summary>The values (NaN at missing rows). Do not write to it.</summary>
    public double[] Values { get; }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows) => new NumericColumn(Name, Gather(Values, rows), TakeMissing(rows));

    /// <inheritdoc />
    public override Column WithName(string name) => new NumericColumn(name, Values, MissingArray);

    /// <summary>Writes shortest round-trip text, culture-invariant.</summary>
    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : Values[row].ToString("R", CultureInfo.InvariantCulture);
}
