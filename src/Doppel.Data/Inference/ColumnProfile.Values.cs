using System.Globalization;

namespace Doppel.Data;

/// <summary>The values a profile keeps when asked to, and the typed column built from them once the kind is known.</summary>
internal sealed partial class ColumnProfile
{
    private readonly bool _keepValues;
    private readonly int _initialCapacity;
    private State _state = State.Integer;
    private int _capacity;
    private bool[] _missing = [];
    private bool _anyMissing;
    private long[] _longs = [];
    private double[] _doubles = [];
    private int[] _codes = [];
    private string?[]? _strings;

    private enum State
    {
        Integer,
        Double,
        Text,
    }

    /// <summary>
    /// The column of kind <paramref name="schema"/> built from the kept values, or null when they cannot give it
    /// verbatim (for example real numbers asked to be labels, or text asked to be numbers): the caller then reads
    /// the column again with a <see cref="ColumnBuilder"/>, which also names the line of any value that does not fit.
    /// </summary>
    public Column? TryBuild(ColumnSchema schema)
    {
        if (!_keepValues || SwitchedToText)
        {
            return null;
        }

        var rows = RowCount;
        if (ValueCount == 0)
        {
            var builder = ColumnBuilder.For(schema, "", rows);
            for (var r = 0; r < rows; r++)
            {
                builder.AddMissing();
            }

            return builder.Build();
        }

        var mask = _anyMissing ? Trim(_missing) : null;

        return (_state, schema.Kind) switch
        {
            (State.Integer, ColumnKind.Integer) => new IntegerColumn(Name, Trim(_longs), mask),
            (State.Integer, ColumnKind.Continuous) => new NumericColumn(Name, [.. Trim(_longs).Select(v => (double)v)], mask),
            (State.Integer, _) when NonCanonicalIntegers => null,
            (State.Integer, ColumnKind.Categorical or ColumnKind.Identifier or ColumnKind.Boolean) => FromTexts(schema, IntegerTexts()),
            (State.Double, ColumnKind.Continuous) => new NumericColumn(Name, Trim(_doubles), mask),
            (State.Text, ColumnKind.Categorical) when _strings is null => new CategoricalColumn(Name, CodesWithMissing(), [.. _labels]),
            (State.Text, ColumnKind.Categorical or ColumnKind.Identifier or ColumnKind.Boolean or ColumnKind.DateTime) => FromTexts(schema, RowTexts()),
            _ => null,
        };
    }

    private void StoreMissing(int row)
    {
        EnsureCapacity(row);
        if (_missing.Length < _capacity)
        {
            _missing = new bool[_capacity];
        }

        _missing[row] = true;
        _anyMissing = true;
    }

    private void StoreInteger(int row, long value)
    {
        EnsureCapacity(row);
        _longs[row] = value;
    }

    private void StoreDouble(int row, double value)
    {
        EnsureCapacity(row);
        if (_state == State.Integer)
        {
            // The first real number: the integers so far become doubles and the column continues as real numbers.
            _doubles = new double[_capacity];
            for (var r = 0; r < row; r++)
            {
                _doubles[r] = _longs[r];
            }

            _longs = [];
            _state = State.Double;
        }

        _doubles[row] = value;
    }

    private void StoreText(int row, int code, ReadOnlySpan<char> cell)
    {
        EnsureCapacity(row);
        if (_codes.Length < _capacity && _strings is null)
        {
            _codes = new int[_capacity];
            _longs = [];
        }

        if (_strings is not null)
        {
            _strings[row] = cell.ToString();
        }
        else
        {
            _codes[row] = code;
        }
    }

    /// <summary>Past the distinct cap, the rows so far turn from codes into strings, and later rows are kept as strings.</summary>
    private void OnTextOverflow()
    {
        if (!_keepValues)
        {
            return;
        }

        _strings = new string?[_capacity];
        var rows = RowCount - 1;
        for (var r = 0; r < rows; r++)
        {
            _strings[r] = IsMissingAt(r) ? null : _labels[_codes[r]];
        }

        _codes = [];
    }

    private void EnsureCapacity(int row)
    {
        if (row < _capacity)
        {
            return;
        }

        _capacity = _capacity == 0 ? _initialCapacity : (int)Math.Min(Array.MaxLength, 2L * _capacity);
        if (_anyMissing)
        {
            Array.Resize(ref _missing, _capacity);
        }

        switch (_state)
        {
            case State.Integer:
                Array.Resize(ref _longs, _capacity);
                break;
            case State.Double:
                Array.Resize(ref _doubles, _capacity);
                break;
            default:
                if (_strings is not null)
                {
                    Array.Resize(ref _strings, _capacity);
                }
                else if (_codes.Length > 0)
                {
                    Array.Resize(ref _codes, _capacity);
                }

                break;
        }
    }

    private int[] CodesWithMissing()
    {
        var codes = Trim(_codes);
        if (_anyMissing)
        {
            for (var r = 0; r < codes.Length; r++)
            {
                if (_missing[r])
                {
                    codes[r] = -1;
                }
            }
        }

        return codes;
    }

    private string?[] IntegerTexts()
    {
        var texts = new string?[RowCount];
        for (var r = 0; r < texts.Length; r++)
        {
            texts[r] = IsMissingAt(r) ? null : _longs[r].ToString(CultureInfo.InvariantCulture);
        }

        return texts;
    }

    private string?[] RowTexts()
    {
        if (_strings is not null)
        {
            return Trim(_strings);
        }

        var texts = new string?[RowCount];
        for (var r = 0; r < texts.Length; r++)
        {
            texts[r] = IsMissingAt(r) ? null : _labels[_codes[r]];
        }

        return texts;
    }

    /// <summary>Builds a text-based kind from the verbatim row texts (null = missing), or null when a value does not fit.</summary>
    private Column? FromTexts(ColumnSchema schema, string?[] texts)
    {
        switch (schema.Kind)
        {
            case ColumnKind.Identifier:
                return new IdentifierColumn(Name, texts);
            case ColumnKind.Categorical:
                return CategoricalColumn.FromLabels(Name, texts);
            case ColumnKind.DateTime:
                var ticks = new long[texts.Length];
                var parsed = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var r = 0; r < texts.Length; r++)
                {
                    if (texts[r] is not { } text)
                    {
                        continue;
                    }

                    if (!parsed.TryGetValue(text, out ticks[r]))
                    {
                        if (!DateFormats.TryParse(text, schema.Format, out var value))
                        {
                            return null;
                        }

                        ticks[r] = value.Ticks;
                        if (parsed.Count < 4096)
                        {
                            parsed.Add(text, ticks[r]);
                        }
                    }
                }

                return new DateTimeColumn(Name, ticks, _anyMissing ? Trim(_missing) : null, schema.Format);
            default:
                var bar = schema.Format?.IndexOf('|', StringComparison.Ordinal) ?? -1;
                if (bar < 0)
                {
                    return null;
                }

                var trueText = schema.Format![..bar];
                var falseText = schema.Format[(bar + 1)..];
                var values = new bool[texts.Length];
                for (var r = 0; r < texts.Length; r++)
                {
                    if (texts[r] is { } text)
                    {
                        if (text == trueText)
                        {
                            values[r] = true;
                        }
                        else if (text != falseText)
                        {
                            return null;
                        }
                    }
                }

                return new BooleanColumn(Name, values, _anyMissing ? Trim(_missing) : null, trueText, falseText);
        }
    }

    private bool IsMissingAt(int row) => _anyMissing && _missing[row];

    private T[] Trim<T>(T[] array)
    {
        if (array.Length != RowCount)
        {
            Array.Resize(ref array, RowCount);
        }

        return array;
    }
}
