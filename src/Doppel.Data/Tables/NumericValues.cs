namespace Doppel.Data;

/// <summary>
/// The one reading of numeric-like columns as doubles: numeric values as they are, integers converted, datetimes as
/// their ticks. Every model and metric that treats such columns on one numeric scale reads them through here.
/// </summary>
internal static class NumericValues
{
    /// <summary>The value of row <paramref name="row"/> as a double (whatever is stored there, even when missing).</summary>
    /// <exception cref="ArgumentException">The column is not numeric, integer or datetime.</exception>
    public static double At(Column column, int row) => column switch
    {
        NumericColumn c => c.Values[row],
        IntegerColumn c => c.Values[row],
        DateTimeColumn c => c.Ticks[row],
        _ => throw new ArgumentException($"column '{column?.Name}' is {column?.Kind}, not numeric", nameof(column)),
    };

    /// <summary>Every row as a double, NaN where the row is missing.</summary>
    /// <exception cref="ArgumentException">The column is not numeric, integer or datetime.</exception>
    public static double[] ToArray(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var result = new double[column.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = column.IsMissing(i) ? double.NaN : At(column, i);
        }

        return result;
    }
}
