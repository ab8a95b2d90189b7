using System.Globalization;

namespace Doppel.Data;

/// <summary>
/// Instants stored as <see cref="DateTime.Ticks"/> (<see cref="ColumnKind.DateTime"/>), written back with
/// <see cref="Format"/> (a .NET custom format; null = ISO 8601 round-trip "o").
/// </summary>
public sealed class DateTimeColumn : Column
{
    /// <summary>Creates the column.</summary>
    public DateTimeColumn(string name, long[] ticks, bool[]? missing = null, string? format = null)
        : base(name, ticks.Length, missing)
    {
        Ticks = ticks;
        Format = format;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.DateTime;

    /// <summary>The ticks of each row (0 at missing rows). Do not write to it.</summary>
    public long[] Ticks { get; }

    /// <summary>The write format; null means ISO 8601 round-trip.</summary>
    public string? Format { get; }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows) => new DateTimeColumn(Name, Gather(Ticks, rows), TakeMissing(rows), Format);

    /// <inheritdoc />
    public override Column WithName(string name) => new DateTimeColumn(name, Ticks, MissingArray, Format);

    /// <inheritdoc />
    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : new DateTime(Ticks[row], DateTimeKind.Unspecified).ToString(Format ?? "o", CultureInfo.InvariantCulture);
}
