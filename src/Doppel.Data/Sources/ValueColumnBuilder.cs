using System.Collections.Immutable;

namespace Doppel.Data;

/// <summary>
/// Collects one column's typed values for a batch (databases and Parquet hand over typed values, not text) and builds a
/// <see cref="Column"/> of the schema's kind. <see cref="Build"/> empties it for the next batch.
/// </summary>
internal sealed class ValueColumnBuilder
{
    private readonly List<double> _doubles = [];
    private readonly List<long> _longs = [];
    private readonly List<bool> _bools = [];
    private readonly List<string?> _texts = [];
    private readonly List<bool> _missing = [];
    private readonly string _true;
    private readonly string _false;

    /// <summary>Creates the builder for <paramref name="schema"/>.</summary>
    public ValueColumnBuilder(ColumnSchema schema)
    {
        Schema = schema;
        (_true, _false) = BooleanTexts(schema);
    }

    /// <summary>The column's schema entry.</summary>
    public ColumnSchema Schema { get; }

    /// <summary>How a boolean column's values are spelled: from <see cref="ColumnSchema.Format"/> (<c>yes|no</c>), else <c>true</c>/<c>false</c>.</summary>
    public static (string True, string False) BooleanTexts(ColumnSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var parts = schema.Kind == ColumnKind.Boolean ? schema.Format?.Split('|') : null;
        return parts is { Length: 2 } ? (parts[0], parts[1]) : ("true", "false");
    }

    /// <summary>Adds a missing row.</summary>
    public void AddMissing()
    {
        _missing.Add(true);
        switch (Schema.Kind)
        {
            case ColumnKind.Continuous:
                _doubles.Add(double.NaN);
                break;
            case ColumnKind.Integer or ColumnKind.DateTime:
                _longs.Add(0);
                break;
            case ColumnKind.Boolean:
                _bools.Add(false);
                break;
            default:
                _texts.Add(null);
                break;
        }
    }

    /// <summary>Adds a real number (continuous columns).</summary>
    public void AddDouble(double value)
    {
        _missing.Add(false);
        _doubles.Add(value);
    }

    /// <summary>Adds a whole number (integer columns) or ticks (date-time columns).</summary>
    public void AddLong(long value)
    {
        _missing.Add(false);
        _longs.Add(value);
    }

    /// <summary>Adds a truth value (boolean columns).</summary>
    public void AddBool(bool value)
    {
        _missing.Add(false);
        _bools.Add(value);
    }

    /// <summary>Adds a label or identifier (text columns).</summary>
    public void AddText(string value)
    {
        _missing.Add(false);
        _texts.Add(value);
    }

    /// <summary>The column of the rows added since the last build; the builder is then empty.</summary>
    public Column Build()
    {
        var missing = _missing.Contains(true) ? _missing.ToArray() : null;
        Column column = Schema.Kind switch
        {
            ColumnKind.Continuous => new NumericColumn(Schema.Name, [.. _doubles], missing),
            ColumnKind.Integer => new IntegerColumn(Schema.Name, [.. _longs], missing),
            ColumnKind.DateTime => new DateTimeColumn(Schema.Name, [.. _longs], missing, Schema.Format),
            ColumnKind.Boolean => new BooleanColumn(Schema.Name, [.. _bools], missing, _true, _false),
            ColumnKind.Identifier => new IdentifierColumn(Schema.Name, [.. _texts]),
            ColumnKind.Categorical => CategoricalColumn.FromLabels(Schema.Name, _texts),
            _ => throw new InvalidOperationException($"unknown kind {Schema.Kind}"),
        };
        _doubles.Clear();
        _longs.Clear();
        _bools.Clear();
        _texts.Clear();
        _missing.Clear();
        return column;
    }

    /// <summary>Builds every column into a table of <paramref name="schema"/>.</summary>
    public static Table BuildTable(TableSchema schema, ValueColumnBuilder[] builders) =>
        new(schema, builders.Select(b => b.Build()).ToImmutableArray());
}
