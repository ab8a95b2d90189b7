using System.Collections.Immutable;
using System.Globalization;

namespace Doppel.Data;

/// <summary>Collects one column's cells into a typed <see cref="Column"/>, parsing from spans.</summary>
internal abstract class ColumnBuilder
{
    private bool[] _missing;
    private bool _anyMissing;

    protected ColumnBuilder(ColumnSchema schema, string file, int capacity)
    {
        Schema = schema;
        File = file;
        _missing = new bool[Math.Max(capacity, 16)];
    }

    /// <summary>The column's schema entry.</summary>
    public ColumnSchema Schema { get; }

    /// <summary>The file being read, for error messages.</summary>
    protected string File { get; }

    /// <summary>The number of rows added.</summary>
    protected int Count { get; private set; }

    /// <summary>A builder for <paramref name="schema"/>'s kind.</summary>
    public static ColumnBuilder For(ColumnSchema schema, string file, int capacity) => schema.Kind switch
    {
        ColumnKind.Continuous => new NumericBuilder(schema, file, capacity),
        ColumnKind.Integer => new IntegerBuilder(schema, file, capacity),
        ColumnKind.Categorical => new CategoricalBuilder(schema, file, capacity),
        ColumnKind.Boolean => new BooleanBuilder(schema, file, capacity),
        ColumnKind.DateTime => new DateTimeBuilder(schema, file, capacity),
        ColumnKind.Identifier => new IdentifierBuilder(schema, file, capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(schema), schema.Kind, "unknown column kind"),
    };

    /// <summary>Adds a missing row.</summary>
    public void AddMissing()
    {
        EnsureCapacity();
        _missing[Count] = true;
        _anyMissing = true;
        StoreMissing(Count);
        Count++;
    }

    /// <summary>Adds a value; <paramref name="line"/> is the 1-based line, for error messages.</summary>
    /// <exception cref="DataFormatException">The value does not fit the column's kind.</exception>
    public void Add(ReadOnlySpan<char> cell, long line)
    {
        EnsureCapacity();
        Store(Count, cell, line);
        Count++;
    }

    /// <summary>The finished column.</summary>
    public abstract Column Build();

    /// <summary>The missing mask trimmed to the row count, or null when nothing is missing.</summary>
    protected bool[]? Mask() => _anyMissing ? Trim(_missing) : null;

    /// <summary>The array trimmed to the row count.</summary>
    protected T[] Trim<T>(T[] array)
    {
        if (array.Length != Count)
        {
            Array.Resize(ref array, Count);
        }

        return array;
    }

    /// <summary>Grows the typed storage to hold at least <paramref name="capacity"/> rows.</summary>
    protected abstract void Grow(int capacity);

    /// <summary>Stores the value at <paramref name="row"/>.</summary>
    protected abstract void Store(int row, ReadOnlySpan<char> cell, long line);

    /// <summary>Stores a missing placeholder at <paramref name="row"/> (the default value unless overridden).</summary>
    protected virtual void StoreMissing(int row)
    {
    }

    /// <summary>The error for a value that does not fit.</summary>
    protected DataFormatException Misfit(ReadOnlySpan<char> cell, long line, string expected)
    {
        var shown = cell.Length > 40 ? string.Concat(cell[..40], "...") : cell.ToString();
        return new DataFormatException(File, line, Schema.Name,
            $"'{shown}' is not {expected}; fix the value, add it to the missing tokens, or change the column's kind (for example --discrete {Schema.Name}).");
    }

    /// <summary>Grows <paramref name="array"/> to <paramref name="capacity"/>.</summary>
    protected static void Resize<T>(ref T[] array, int capacity) => Array.Resize(ref array, capacity);

    private void EnsureCapacity()
    {
        if (Count == _missing.Length)
        {
            var capacity = (int)Math.Min(Array.MaxLength, 2L * _missing.Length);
            Array.Resize(ref _missing, capacity);
            Grow(capacity);
        }
    }

    private sealed class NumericBuilder(ColumnSchema schema, string file, int capacity) : ColumnBuilder(schema, file, capacity)
    {
        private double[] _values = new double[Math.Max(capacity, 16)];

        public override Column Build() => new NumericColumn(Schema.Name, Trim(_values), Mask());

        protected override void Grow(int capacity) => Resize(ref _values, capacity);

        protected override void Store(int row, ReadOnlySpan<char> cell, long line)
        {
            if (!NumberText.TryParseDouble(cell, out var value))
            {
                throw Misfit(cell, line, "a finite number");
            }

            _values[row] = value;
        }
    }

    private sealed class IntegerBuilder(ColumnSchema schema, string file, int capacity) : ColumnBuilder(schema, file, capacity)
    {
        private long[] _values = new long[Math.Max(capacity, 16)];

        public override Column Build() => new IntegerColumn(Schema.Name, Trim(_values), Mask());

        protected override void Grow(int capacity) => Resize(ref _values, capacity);

        protected override void Store(int row, ReadOnlySpan<char> cell, long line)
        {
            if (!NumberText.TryParseAnyInteger(cell, out var value))
            {
                throw Misfit(cell, line, "a whole number");
            }

            _values[row] = value;
        }
    }

    private sealed class CategoricalBuilder : ColumnBuilder
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _categories = [];
        private int[] _codes;

        public CategoricalBuilder(ColumnSchema schema, string file, int capacity)
            : base(schema, file, capacity)
        {
            _codes = new int[Math.Max(capacity, 16)];
            _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override Column Build() => new CategoricalColumn(Schema.Name, Trim(_codes), [.. _categories]);

        protected override void Grow(int capacity) => Resize(ref _codes, capacity);

        protected override void StoreMissing(int row) => _codes[row] = -1;

        protected override void Store(int row, ReadOnlySpan<char> cell, long line)
        {
            if (!_lookup.TryGetValue(cell, out var code))
            {
                code = _categories.Count;
                var label = cell.ToString();
                _index.Add(label, code);
                _categories.Add(label);
            }

            _codes[row] = code;
        }
    }

    private sealed class IdentifierBuilder(ColumnSchema schema, string file, int capacity) : ColumnBuilder(schema, file, capacity)
    {
        private string?[] _values = new string?[Math.Max(capacity, 16)];

        public override Column Build() => new IdentifierColumn(Schema.Name, Trim(_values));

        protected override void Grow(int capacity) => Resize(ref _values, capacity);

        protected override void Store(int row, ReadOnlySpan<char> cell, long line) => _values[row] = cell.ToString();
    }

    private sealed class DateTimeBuilder(ColumnSchema schema, string file, int capacity) : ColumnBuilder(schema, file, capacity)
    {
        private long[] _ticks = new long[Math.Max(capacity, 16)];

        public override Column Build() => new DateTimeColumn(Schema.Name, Trim(_ticks), Mask(), Schema.Format);

        protected override void Grow(int capacity) => Resize(ref _ticks, capacity);

        protected override void Store(int row, ReadOnlySpan<char> cell, long line)
        {
            if (!DateFormats.TryParse(cell, Schema.Format, out var value))
            {
                throw Misfit(cell, line, $"a date in the layout '{Schema.Format ?? "ISO 8601"}'");
            }

            _ticks[row] = value.Ticks;
        }
    }

    private sealed class BooleanBuilder : ColumnBuilder
    {
        private bool[] _values;
        private string? _trueText;
        private string? _falseText;
        private (string True, string False)? _pair;

        public BooleanBuilder(ColumnSchema schema, string file, int capacity)
            : base(schema, file, capacity)
        {
            _values = new bool[Math.Max(capacity, 16)];
            if (schema.Format is { } format)
            {
                var bar = format.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0)
                {
                    throw new SchemaException(schema.Name, $"the boolean format '{format}' is not of the form true|false (for example yes|no).");
                }

                _trueText = format[..bar];
                _falseText = format[(bar + 1)..];
            }
        }

        public override Column Build() =>
            new BooleanColumn(Schema.Name, Trim(_values), Mask(), _trueText ?? _pair?.True ?? "true", _falseText ?? _pair?.False ?? "false");

        protected override void Grow(int capacity) => Resize(ref _values, capacity);

        protected override void Store(int row, ReadOnlySpan<char> cell, long line)
        {
            if (_trueText is not null && cell.SequenceEqual(_trueText))
            {
                _values[row] = true;
            }
            else if (_falseText is not null && cell.SequenceEqual(_falseText))
            {
                _values[row] = false;
            }
            else if (Schema.Format is null && Learn(cell))
            {
                Store(row, cell, line);
            }
            else
            {
                throw Misfit(cell, line, $"'{_trueText ?? "true"}' or '{_falseText ?? "false"}'");
            }
        }

        /// <summary>Without a declared spelling, takes the first spelling seen of each side of one known pair.</summary>
        private bool Learn(ReadOnlySpan<char> cell)
        {
            var trimmed = cell.Trim();
            foreach (var pair in SchemaInference.BooleanPairs)
            {
                var isYes = trimmed.Equals(pair.True, StringComparison.OrdinalIgnoreCase);
                if ((!isYes && !trimmed.Equals(pair.False, StringComparison.OrdinalIgnoreCase)) || (_pair is { } chosen && chosen != pair))
                {
                    continue;
                }

                _pair = pair;
                if (isYes && _trueText is null)
                {
                    _trueText = cell.ToString();
                    return true;
                }

                if (!isYes && _falseText is null)
                {
                    _falseText = cell.ToString();
                    return true;
                }

                return false;
            }

            return false;
        }
    }
}
