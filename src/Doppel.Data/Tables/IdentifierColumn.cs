namespace Doppel.Data;

/// <summary>Keys and unique strings (<see cref="ColumnKind.Identifier"/>): stored as text, never learned. Null = missing.</summary>
public sealed class IdentifierColumn : Column
{
    /// <summary>Creates the column; null entries are missing.</summary>
    public IdentifierColumn(string name, string?[] values)
        : base(name, values.Length, MaskOf(values))
    {
        Values = values;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Identifier;

    /// <summary>The values (null at missing rows). Do not write to it.</summary>
    public string?[] Values { get; }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows) => new IdentifierColumn(Name, Gather(Values, rows));

    /// <inheritdoc />
    public override Column WithName(string name) => new IdentifierColumn(name, Values);

    /// <inheritdoc />
    public override string? FormatValue(int row) => Values[row];

    private static bool[]? MaskOf(string?[] values)
    {
        bool[]? mask = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                mask ??= new bool[values.Length];
                mask[i] = true;
            }
        }

        return mask;
    }
}
