using Doppel.Data;
using Microsoft.Data.Analysis;

namespace Doppel.Interop;

/// <summary>
/// <see cref="Table"/> to and from <see cref="DataFrame"/> (Microsoft.Data.Analysis). Continuous columns become
/// <see cref="DoubleDataFrameColumn"/>, integers <see cref="Int64DataFrameColumn"/>, booleans
/// <see cref="BooleanDataFrameColumn"/>, date-times <see cref="DateTimeDataFrameColumn"/>, categorical and identifier
/// columns <see cref="StringDataFrameColumn"/>; missing values are nulls both ways.
/// </summary>
public static class DataFrameInterop
{
    /// <summary>The table as a new <see cref="DataFrame"/> (values are copied).</summary>
    public static DataFrame ToDataFrame(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new DataFrame(table.Columns.Select(ToDataFrameColumn));
    }

    extension(Table)
    {
        /// <summary>
        /// The data frame as a table. Without <paramref name="schema"/>, floating-point and decimal columns are
        /// continuous, integer columns integer, strings categorical, booleans and date-times as such. With a schema
        /// (for example that of the table the frame was made from), its columns are taken in its order and kinds,
        /// which tells identifiers from categories and keeps date formats.
        /// </summary>
        /// <exception cref="SchemaException">A column's type is not supported, or does not fit the kind the schema gives it.</exception>
        public static Table FromDataFrame(DataFrame frame, TableSchema? schema = null)
        {
            ArgumentNullException.ThrowIfNull(frame);
            if (schema is null)
            {
                return new Table(frame.Columns.Select(c => ToColumn(c, null)));
            }

            var columns = schema.Columns.Select(s => ToColumn(Find(frame, s.Name), s)).ToList();
            return new Table(schema, columns);
        }
    }

    private static DataFrameColumn Find(DataFrame frame, string name) =>
        frame.Columns.FirstOrDefault(c => c.Name == name) ?? throw new SchemaException(name, "the data frame has no such column");

    private static DataFrameColumn ToDataFrameColumn(Column column) => column switch
    {
        NumericColumn c => new DoubleDataFrameColumn(c.Name, Rows(c).Select(i => c.IsMissing(i) ? (double?)null : c.Values[i])),
        IntegerColumn c => new Int64DataFrameColumn(c.Name, Rows(c).Select(i => c.IsMissing(i) ? (long?)null : c.Values[i])),
        BooleanColumn c => new BooleanDataFrameColumn(c.Name, Rows(c).Select(i => c.IsMissing(i) ? (bool?)null : c.Values[i])),
        DateTimeColumn c => new DateTimeDataFrameColumn(c.Name, Rows(c).Select(i => c.IsMissing(i) ? (DateTime?)null : new DateTime(c.Ticks[i], DateTimeKind.Unspecified))),
        CategoricalColumn c => new StringDataFrameColumn(c.Name, Rows(c).Select(c.FormatValue)),
        IdentifierColumn c => new StringDataFrameColumn(c.Name, c.Values),
        _ => throw new SchemaException(column.Name, $"kind {column.Kind} has no data frame column type"),
    };

    private static IEnumerable<int> Rows(Column column) => Enumerable.Range(0, column.Length);

    private static Column ToColumn(DataFrameColumn column, ColumnSchema? schema)
    {
        var name = column.Name;
        var rows = checked((int)column.Length);
        var kind = schema?.Kind ?? DefaultKind(column);
        switch (kind)
        {
            case ColumnKind.Continuous:
                {
                    var (values, missing) = Numbers(column, rows, schema);
                    return new NumericColumn(name, values, missing);
                }

            case ColumnKind.Integer:
                {
                    var (values, missing) = Numbers(column, rows, schema);
                    var integers = new long[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        integers[i] = missing?[i] == true ? 0 : checked((long)Math.Round(values[i]));
                    }

                    return new IntegerColumn(name, integers, missing);
                }

            case ColumnKind.Boolean when column is PrimitiveDataFrameColumn<bool> b:
                {
                    var values = new bool[rows];
                    var missing = new bool[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        values[i] = b[i] ?? false;
                        missing[i] = b[i] is null;
                    }

                    return new BooleanColumn(name, values, b.NullCount > 0 ? missing : null);
                }

            case ColumnKind.DateTime when column is PrimitiveDataFrameColumn<DateTime> d:
                {
                    var ticks = new long[rows];
                    var missing = new bool[rows];
                    for (var i = 0; i < rows; i++)
                    {
                        ticks[i] = d[i]?.Ticks ?? 0;
                        missing[i] = d[i] is null;
                    }

                    return new DateTimeColumn(name, ticks, d.NullCount > 0 ? missing : null, schema?.Format);
                }

            case ColumnKind.Categorical when column is StringDataFrameColumn or ArrowStringDataFrameColumn:
                return CategoricalColumn.FromLabels(name, Strings(column, rows));

            case ColumnKind.Identifier when column is StringDataFrameColumn or ArrowStringDataFrameColumn:
                return new IdentifierColumn(name, [.. Strings(column, rows)]);

            default:
                throw new SchemaException(name, $"a {column.DataType.Name} data frame column cannot be read as {kind}");
        }
    }

    private static ColumnKind DefaultKind(DataFrameColumn column) => column switch
    {
        PrimitiveDataFrameColumn<bool> => ColumnKind.Boolean,
        PrimitiveDataFrameColumn<DateTime> => ColumnKind.DateTime,
        StringDataFrameColumn or ArrowStringDataFrameColumn => ColumnKind.Categorical,
        _ when IsInteger(column.DataType) => ColumnKind.Integer,
        _ when column.DataType == typeof(double) || column.DataType == typeof(float) || column.DataType == typeof(decimal) || column.DataType == typeof(Half) => ColumnKind.Continuous,
        _ => throw new SchemaException(column.Name, $"data frame columns of {column.DataType.Name} are not supported; convert it to a number, bool, string or DateTime column"),
    };

    private static bool IsInteger(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);

    private static (double[] Values, bool[]? Missing) Numbers(DataFrameColumn column, int rows, ColumnSchema? schema)
    {
        if (!IsInteger(column.DataType) && column.DataType != typeof(double) && column.DataType != typeof(float) && column.DataType != typeof(decimal) && column.DataType != typeof(Half))
        {
            throw new SchemaException(column.Name, $"a {column.DataType.Name} data frame column cannot be read as {schema?.Kind}");
        }

        var values = new double[rows];
        var missing = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            var value = column[i];
            missing[i] = value is null;
            values[i] = value is null ? 0 : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return (values, column.NullCount > 0 ? missing : null);
    }

    private static string?[] Strings(DataFrameColumn column, int rows)
    {
        var labels = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            labels[i] = (string?)column[i];
        }

        return labels;
    }
}
