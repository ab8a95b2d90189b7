using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Doppel.Data;

/// <summary>
/// Writes a <see cref="Table"/> as UTF-8 CSV (no byte-order mark, <c>\n</c> line ends) through the Sep writer: a header,
/// then one line per row, fields quoted only when they hold the separator, a quote or a line break.
/// </summary>
/// <remarks>
/// Values: <see cref="ColumnKind.Continuous"/> as the shortest text that parses back to the same double, with <c>.0</c>
/// added to whole values so the column still reads as real numbers; integers as integers; date-times in the column's
/// format; booleans with the column's own spelling; labels and identifiers verbatim; missing values as
/// <see cref="CsvWriteOptions.MissingText"/>. Reading the output with <see cref="CsvTableReader"/> gives the same values
/// and the same schema back.
/// </remarks>
public static class CsvTableWriter
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
        options ??= new CsvWriteOptions();
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var sepOptions = new SepWriterOptions(new Sep(options.Separator))
        {
            WriteHeader = true,
            Escape = true,
            CultureInfo = CultureInfo.InvariantCulture,
        };
        using (var writer = sepOptions.To(text))
        {
            var names = table.Schema.Columns.Select(c => c.Name).ToArray();
            var buffer = new char[64];
            for (var r = 0; r < table.RowCount; r++)
            {
                using var row = writer.NewRow();
                for (var c = 0; c < names.Length; c++)
                {
                    var column = table[c];
                    var value = column.IsMissing(r) ? options.MissingText.AsSpan() : Format(column, r, buffer);
                    // The first row defines the columns by name (and so the header); later rows address them by index.
                    (r == 0 ? row[names[c]] : row[c]).Set(value);
                }
            }

            if (table.RowCount == 0)
            {
                writer.Header.Add(names);
                writer.Header.Write();
            }
        }

        text.Flush();
    }

    /// <summary>The text of a non-missing value, formatted into <paramref name="buffer"/> where it is a number or date.</summary>
    internal static ReadOnlySpan<char> Format(Column column, int row, char[] buffer)
    {
        int written;
        switch (column)
        {
            case NumericColumn numeric:
                numeric.Values[row].TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
                if (buffer.AsSpan(0, written).IndexOfAny('.', 'E', 'e') < 0)
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
