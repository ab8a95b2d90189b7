using Parquet;
using Parquet.Schema;

namespace Doppel.Data;

/// <summary>Reads one column of a row group into a <see cref="Column"/> of the schema's kind, converting from the stored type.</summary>
internal static class ParquetColumnReader
{
    /// <summary>The column <paramref name="field"/> of <paramref name="group"/> as <paramref name="schema"/>'s kind.</summary>
    /// <exception cref="DataFormatException">The stored type cannot hold the schema's kind.</exception>
    public static Column Read(ParquetRowGroupReader group, DataField field, ColumnSchema schema, int rows, string path)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var texts = new string?[rows];
            Await(group.ReadAsync(field, texts.AsMemory()!));
            return FromTexts(schema, texts, path);
        }

        var builder = new ValueColumnBuilder(schema);
        switch (type)
        {
            case var t when t == typeof(double):
                Fill<double>(group, field, rows, v => AddNumber(builder, v, path));
                break;
            case var t when t == typeof(float):
                Fill<float>(group, field, rows, v => AddNumber(builder, v, path));
                break;
            case var t when t == typeof(decimal):
                Fill<decimal>(group, field, rows, v => AddNumber(builder, (double)v, path));
                break;
            case var t when t == typeof(long):
                Fill<long>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(int):
                Fill<int>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(short):
                Fill<short>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(sbyte):
                Fill<sbyte>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(byte):
                Fill<byte>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(ushort):
                Fill<ushort>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(uint):
                Fill<uint>(group, field, rows, v => AddInteger(builder, v, path));
                break;
            case var t when t == typeof(bool):
                Fill<bool>(group, field, rows, v => Expect(builder, ColumnKind.Boolean, path).AddBool(v));
                break;
            case var t when t == typeof(DateTime):
                Fill<DateTime>(group, field, rows, v => Expect(builder, ColumnKind.DateTime, path).AddLong(v.Ticks));
                break;
            case var t when t == typeof(DateOnly):
                Fill<DateOnly>(group, field, rows, v => Expect(builder, ColumnKind.DateTime, path).AddLong(v.ToDateTime(TimeOnly.MinValue).Ticks));
                break;
            case var t when t == typeof(DateTimeOffset):
                Fill<DateTimeOffset>(group, field, rows, v => Expect(builder, ColumnKind.DateTime, path).AddLong(v.UtcDateTime.Ticks));
                break;
            default:
                throw new DataFormatException(path, null, field.Name, $"the column's type ({type.Name}) is not supported.");
        }

        return builder.Build();

        void Fill<T>(ParquetRowGroupReader g, DataField f, int n, Action<T> add)
            where T : struct
        {
            if (f.IsNullable)
            {
                var values = new T?[n];
                Await(g.ReadAsync(f, values.AsMemory()));
                foreach (var v in values)
                {
                    if (v is { } x)
                    {
                        add(x);
                    }
                    else
                    {
                        builder.AddMissing();
                    }
                }
            }
            else
            {
                var values = new T[n];
                Await(g.ReadAsync(f, values.AsMemory()));
                foreach (var v in values)
                {
                    add(v);
                }
            }
        }
    }

    private static Column FromTexts(ColumnSchema schema, string?[] texts, string path)
    {
        switch (schema.Kind)
        {
            case ColumnKind.Identifier:
                return new IdentifierColumn(schema.Name, texts);
            case ColumnKind.Categorical:
                return CategoricalColumn.FromLabels(schema.Name, texts);
            default:
                throw new DataFormatException(path, null, schema.Name, $"the column holds text but the schema says {schema.Kind}; read it without a schema or mark it categorical.");
        }
    }

    private static void AddNumber(ValueColumnBuilder builder, double value, string path)
    {
        if (builder.Schema.Kind == ColumnKind.Continuous)
        {
            builder.AddDouble(value);
        }
        else if (builder.Schema.Kind == ColumnKind.Integer && Math.Floor(value) == value && Math.Abs(value) < 9.2e18)
        {
            builder.AddLong((long)value);
        }
        else
        {
            throw Mismatch(builder.Schema, "a real number", path);
        }
    }

    private static void AddInteger(ValueColumnBuilder builder, long value, string path)
    {
        switch (builder.Schema.Kind)
        {
            case ColumnKind.Integer:
                builder.AddLong(value);
                break;
            case ColumnKind.Continuous:
                builder.AddDouble(value);
                break;
            default:
                throw Mismatch(builder.Schema, "whole numbers", path);
        }
    }

    private static ValueColumnBuilder Expect(ValueColumnBuilder builder, ColumnKind kind, string path) =>
        builder.Schema.Kind == kind ? builder : throw Mismatch(builder.Schema, kind.ToString().ToLowerInvariant() + " values", path);

    private static DataFormatException Mismatch(ColumnSchema schema, string stored, string path) =>
        new(path, null, schema.Name, $"the column stores {stored} but the schema says {schema.Kind}.");

    private static void Await(Task task) => task.GetAwaiter().GetResult();

    private static void Await(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}
