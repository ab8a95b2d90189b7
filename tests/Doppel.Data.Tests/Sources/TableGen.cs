using System.Collections.Immutable;
using CsCheck;

namespace Doppel.Data.Tests;

/// <summary>
/// CsCheck generators of awkward tables: Unicode (with surrogate pairs), quotes, separators and line breaks in text,
/// empty and blank strings and "NA" next to missing values, extreme, subnormal, signed-zero and infinite doubles, the
/// whole int64 range, and instants from year 1 to 9999 at microsecond resolution (what PostgreSQL and Parquet keep).
/// </summary>
internal static class TableGen
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", "7", " ", "\t", ",", ";", "|", "\"", "'", "\n", "\r", "\r\n", "é", "ß", "中文", "😀", "👩‍👩‍👧", "\u00a0",
        "NA", "null", "--", "\\", "%s", "$1",
    ];

    private static readonly Gen<string> Text = Gen.Frequency(
        (1, Gen.OneOf("", " ", "  ", "NA", " NA ", "\"\"", "\"", "a,b", "line\nbreak", "\r", "'; DROP TABLE t; --", "true", "1.5")),
        (4, Gen.OneOf(Pieces).Array[1, 6].Select(parts => string.Concat(parts))));

    private static readonly Gen<double> FiniteDouble = Gen.Frequency(
        (1, Gen.OneOf(
            double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 2.2250738585072009E-308,
            1e-310, -1e-320, 0.0, -0.0, 0.1, 1.0 / 3, 1e21, 123456789012345678.0)),
        (3, Gen.Double.Where(double.IsFinite)));

    private static readonly Gen<double> Double = Gen.Frequency(
        (1, Gen.OneOf(
            double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 2.2250738585072009E-308,
            1e-310, -1e-320, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 0.1, 1.0 / 3, 1e21, 123456789012345678.0)),
        (3, Gen.Double.Where(double.IsFinite)));

    private static readonly Gen<long> Long = Gen.Frequency((1, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L)), (3, Gen.Long));

    private static readonly Gen<long> Micros = Gen.Long[0, (DateTime.MaxValue.Ticks / 10) - 1].Select(t => t * 10);

    private static readonly Gen<long> Days = Gen.Long[0, (DateTime.MaxValue.Ticks / TimeSpan.TicksPerDay) - 1].Select(d => d * TimeSpan.TicksPerDay);

    /// <summary>Tables of 1 to 25 rows and 1 to 6 columns of random kinds.</summary>
    public static Gen<Table> Table { get; } = Tables(Double);

    /// <summary>As <see cref="Table"/> without infinities, which the CSV reader refuses as data errors.</summary>
    public static Gen<Table> FiniteTable { get; } = Tables(FiniteDouble);

    private static Gen<Table> Tables(Gen<double> doubles) =>
        Gen.Int[1, 25].SelectMany(rows => Gen.Enum<ColumnKind>().Array[1, 6].SelectMany(kinds => Columns(rows, kinds, doubles)));

    private static Gen<Table> Columns(int rows, ColumnKind[] kinds, Gen<double> doubles)
    {
        var columns = kinds.Select((kind, i) => Column("c" + i, kind, rows, doubles)).ToArray();
        return Gen.Select(columns.Select(c => c).ToArray().Aggregate(
            Gen.Const(ImmutableList<(ColumnSchema, Column)>.Empty),
            (acc, next) => acc.SelectMany(list => next.Select(list.Add))),
            list => new Table(new TableSchema([.. list.Select(x => x.Item1)]), list.Select(x => x.Item2)));
    }

    private static Gen<(ColumnSchema, Column)> Column(string name, ColumnKind kind, int rows, Gen<double> doubles)
    {
        var missing = Gen.Frequency((2, Gen.Const(0.0)), (1, Gen.Const(0.3)), (1, Gen.Const(1.0)))
            .SelectMany(p => Gen.Double[0, 1].Array[rows].Select(u => u.Select(x => x < p).ToArray()));
        return kind switch
        {
            ColumnKind.Continuous => Gen.Select(doubles.Array[rows], missing, (v, m) => Pair(new NumericColumn(name, v, m), null)),
            ColumnKind.Integer => Gen.Select(Long.Array[rows], missing, (v, m) => Pair(new IntegerColumn(name, v, m), null)),
            ColumnKind.Boolean => Gen.Select(Gen.Bool.Array[rows], missing, Gen.OneOf("true|false", "yes|no", "Y|N"), (v, m, f) =>
                Pair(new BooleanColumn(name, v, m, f.Split('|')[0], f.Split('|')[1]), f)),
            ColumnKind.DateTime => Gen.OneOf(Gen.Const((string?)null), Gen.Const((string?)"yyyy-MM-dd")).SelectMany(format =>
                Gen.Select((format is null ? Micros : Days).Array[rows], missing, (v, m) => Pair(new DateTimeColumn(name, v, m, format), format))),
            ColumnKind.Categorical => Gen.Select(Text.Array[rows], missing, (v, m) =>
                Pair(CategoricalColumn.FromLabels(name, [.. v.Select((x, i) => m[i] ? null : x)]), null)),
            _ => Gen.Select(Text.Array[rows], missing, (v, m) => Pair(new IdentifierColumn(name, [.. v.Select((x, i) => m[i] ? null : x)]), null)),
        };
    }

    private static (ColumnSchema, Column) Pair(Column column, string? format) =>
        (new ColumnSchema(column.Name, column.Kind) { IsNullable = column.HasMissing, Format = format }, column);
}
