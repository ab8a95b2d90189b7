using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Doppel.Data;

/// <summary>
/// Writes a <see cref="Table"/> as UTF-8 CSV (no byte-order mark, <c>\n</c> line ends) through the Sep writer: a header,
/// then one line per row, fields quoted only when they hold the separator, a quote or a line break, or are text that
/// would otherwise read back as missing (see <see cref="CsvTableSink"/>, which writes batch by batch).
/// </summary>
/// <remarks>
/// Values: <see cref="ColumnKind.Continuous"/> as the shortest text that parses back to the same double, with <c>.0</c>
/// added to whole values so the column still reads as real numbers; integers as integers; date-times in the column's
/// format; booleans with the column's own spelling; labels and identifiers verbatim; missing values as
/// <see cref="CsvWriteOptions.MissingText"/>. Reading the output with <see cref="CsvTableReader"/> gives the same values
/// and the same schema back.
/// </remarks>
internal static class CsvTableWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> through <see cref="AtomicFile"/>: the file appears whole or not at all.</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Separator and missing text; null for the defaults.</param>
    public static void Write(Table table, string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        AtomicFile.Write(path, stream => Write(table, stream, options));
    }

    /// <summary>Writes <paramref name="table"/> to <paramref name="stream"/>, which is flushed and left open.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="options">Separator and missing text; null for the defaults.</param>
    public static void Write(Table table, Stream stream, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        using var sink = CsvTableSink.Create(stream, table.Schema, options);
        sink.WriteBatch(table);
        sink.Complete();
    }

    /// <summary>The text of a non-missing value, formatted into <paramref name="buffer"/> where it is a number or date.</summary>
    internal static ReadOnlySpan<char> Format(Column column, int row, char[] buffer)
    {
        int written;
        switch (column)
        {
            case NumericColumn numeric:
                numeric.Values[row].TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
                if (double.IsFinite(numeric.Values[row]) && buffer.AsSpan(0, written).IndexOfAny('.', 'E', 'e') < 0)
                {
                    buffer[written++] = '.';
                    buffer[written++] = '0';
                }

                return buffer.AsSpan(0, written);
            case IntegerColumn integer:
                integer.Values[row].TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                return buffer.AsSpan(0, written);
            case DateTimeColumn date:
                new DateTime(date.Ticks[row], DateTimeKind.Unspecified).TryFormat(buffer, out written, date.Format ?? "o", CultureInfo.InvariantCulture);
                return buffer.AsSpan(0, written);
            case CategoricalColumn categorical:
                return categorical.Categories[categorical.Codes[row]];
            case BooleanColumn boolean:
                return boolean.Values[row] ? boolean.TrueText : boolean.FalseText;
            default:
                return column.FormatValue(row);
        }
    }
}
