using System.Collections.Immutable;
using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis.Neural.Transform;

/// <summary>
/// One-hot encoding of a discrete column: categorical (the labels that occur, in dictionary order), boolean
/// (false, true) or an integer column marked discrete (its values, ascending). Missing values, when the training rows
/// had any, are one more category, last.
/// </summary>
internal sealed class DiscreteEncoder : ColumnEncoder
{
    private static readonly string[] BooleanLabels = ["false", "true"];
    private readonly ColumnState _state;
    private readonly long[] _integers;
    private readonly Dictionary<string, int> _byLabel;

    private DiscreteEncoder(ColumnSchema schema, ColumnState state)
    {
        Schema = schema;
        _state = state;
        _integers = schema.Kind == ColumnKind.Integer
            ? [.. state.Labels.Select(l => long.Parse(l, NumberStyles.Integer, CultureInfo.InvariantCulture))]
            : [];
        _byLabel = state.Labels.Select((label, index) => (label, index)).ToDictionary(p => p.label, p => p.index, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override ColumnSchema Schema { get; }

    /// <inheritdoc />
    public override int Width => _state.Labels.Length + (_state.HasMissing ? 1 : 0);

    /// <summary>Training rows per category, in encoded order.</summary>
    public ImmutableArray<long> Counts => [.. _state.Counts];

    /// <summary>Learns the categories of <paramref name="column"/>.</summary>
    public static DiscreteEncoder Fit(Column column, ColumnSchema schema)
    {
        var keys = Keys(column);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var missing = 0L;
        foreach (var key in keys)
        {
            if (key is null)
            {
                missing++;
            }
            else
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        string[] labels = column switch
        {
            CategoricalColumn c => [.. c.Categories.Where(counts.ContainsKey)],
            BooleanColumn => [.. BooleanLabels.Where(counts.ContainsKey)],
            _ => [.. counts.Keys.OrderBy(k => long.Parse(k, NumberStyles.Integer, CultureInfo.InvariantCulture))],
        };
        var state = new ColumnState
        {
            Name = schema.Name,
            Role = "discrete",
            HasMissing = missing > 0,
            Labels = labels,
            Counts = [.. labels.Select(l => counts[l]), .. missing > 0 ? new[] { missing } : []],
            TrueText = (column as BooleanColumn)?.TrueText,
            FalseText = (column as BooleanColumn)?.FalseText,
        };
        return new DiscreteEncoder(schema, state);
    }

    /// <summary>Rebuilds the encoder from its stored state.</summary>
    public static DiscreteEncoder FromState(ColumnSchema schema, ColumnState state) => new(schema, state);

    /// <inheritdoc />
    public override IEnumerable<OutputSpan> Spans(int offset) => [new OutputSpan(offset, Width, SpanKind.Softmax, Schema.Name)];

    /// <inheritdoc />
    public override ColumnState State() => _state;

    /// <inheritdoc />
    public override void Encode(Column column, Span<float> encoded, int stride, int offset, Rng rng)
    {
        var keys = Keys(column);
        for (var i = 0; i < keys.Length; i++)
        {
            var row = encoded.Slice((i * stride) + offset, Width);
            row.Clear();
            int index;
            if (keys[i] is null)
            {
                index = _state.HasMissing ? Width - 1
                    : throw new SchemaException(Schema.Name, $"row {i} is missing, but the training rows had no missing values");
            }
            else if (!_byLabel.TryGetValue(keys[i]!, out index))
            {
                throw new SchemaException(Schema.Name, $"row {i} holds '{keys[i]}', a value the training rows did not have");
            }

            row[index] = 1;
        }
    }

    /// <inheritdoc />
    public override Column Decode(ReadOnlySpan<float> encoded, int rows, int stride, int offset)
    {
        var index = new int[rows];
        bool[]? missing = null;
        for (var i = 0; i < rows; i++)
        {
            index[i] = ArgMax(encoded.Slice((i * stride) + offset, Width));
            if (index[i] == _state.Labels.Length)
            {
                missing ??= new bool[rows];
                missing[i] = true;
                index[i] = -1;
            }
        }

        return Schema.Kind switch
        {
            ColumnKind.Categorical => new CategoricalColumn(Schema.Name, index, [.. _state.Labels]),
            ColumnKind.Boolean => new BooleanColumn(Schema.Name, [.. index.Select(j => j >= 0 && _state.Labels[j] == "true")], missing,
                _state.TrueText ?? "true", _state.FalseText ?? "false"),
            ColumnKind.Integer => new IntegerColumn(Schema.Name, [.. index.Select(j => j >= 0 ? _integers[j] : 0)], missing),
            _ => throw new InvalidOperationException($"column '{Schema.Name}' is {Schema.Kind}, not discrete"),
        };
    }

    /// <summary>Each row's category as text (null when missing).</summary>
    private static string?[] Keys(Column column)
    {
        var keys = new string?[column.Length];
        switch (column)
        {
            case CategoricalColumn c:
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = c.Codes[i] < 0 ? null : c.Categories[c.Codes[i]];
                }

                break;
            case BooleanColumn b:
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = b.IsMissing(i) ? null : b.Values[i] ? "true" : "false";
                }

                break;
            case IntegerColumn n:
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = n.IsMissing(i) ? null : n.Values[i].ToString(CultureInfo.InvariantCulture);
                }

                break;
            default:
                throw new ArgumentException($"column '{column.Name}' is {column.Kind}, not discrete", nameof(column));
        }

        return keys;
    }
}
