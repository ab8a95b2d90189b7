namespace Doppel.Data;

/// <summary>
/// What one pass over a column's cells learns for schema inference, in bounded memory: which kinds every value fits,
/// and the distinct values (texts up to <see cref="SchemaInference.DistinctCap"/>, numbers up to
/// <see cref="ExactNumberCap"/>, or up to the cap in columns named like keys). Cells come as spans; a string is
/// allocated only for a new distinct text. With <c>keepValues</c> the profile also keeps the parsed values (see
/// <c>ColumnProfile.Values.cs</c>), so one pass both infers the kind and builds the column.
/// </summary>
/// <remarks>
/// A column whose first values are numbers and which later holds text has "switched to text": its numbers were kept
/// parsed, not verbatim, so its distinct count and values are incomplete. Such a column is profiled again as text
/// (<c>forceText</c>) in a second pass over the file; <see cref="SwitchedToText"/> says when.
/// </remarks>
internal sealed partial class ColumnProfile
{
    /// <summary>Distinct numbers counted exactly in columns not named like keys: enough to offer discrete or boolean.</summary>
    internal const int ExactNumberCap = 64;

    private readonly int _numberCap;
    private readonly bool _forceText;
    private readonly HashSet<double> _numbers = [];
    private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _textLookup;
    private readonly List<string> _labels = [];
    private bool _numbersSaturated;
    private bool _textOverflow;

    /// <summary>Starts an empty profile of the column called <paramref name="name"/>.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="keepValues">Whether to keep the parsed values to build the column from.</param>
    /// <param name="forceText">Whether to treat every value as text (the second look at a column that switched to text).</param>
    /// <param name="capacity">The expected number of rows, to size kept values once.</param>
    public ColumnProfile(string name, bool keepValues = false, bool forceText = false, int capacity = 0)
    {
        _initialCapacity = Math.Max(16, capacity);
        Name = name;
        _numberCap = SchemaInference.LooksLikeKey(name) ? SchemaInference.DistinctCap : ExactNumberCap;
        _forceText = forceText;
        _keepValues = keepValues;
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (forceText)
        {
            AllNumbers = AllIntegers = false;
            _state = State.Text;
        }
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>The number of missing cells.</summary>
    public int MissingCount { get; private set; }

    /// <summary>The number of cells holding a value.</summary>
    public int ValueCount { get; private set; }

    /// <summary>The number of rows (values and missing cells).</summary>
    public int RowCount => MissingCount + ValueCount;

    /// <summary>Whether every value is a whole number in the int64 range, written canonically (see <see cref="NumberText"/>).</summary>
    public bool AllIntegers { get; private set; } = true;

    /// <summary>Whether every value is a finite number.</summary>
    public bool AllNumbers { get; private set; } = true;

    /// <summary>Whether some integer was not written canonically (spaces, a plus sign, <c>-0</c>), so formatting does not restore it.</summary>
    public bool NonCanonicalIntegers { get; private set; }

    /// <summary>Whether numbers came first and text later, so the column must be profiled again as text.</summary>
    public bool SwitchedToText { get; private set; }

    /// <summary>The <see cref="DateFormats.All"/> layouts that reproduce every value so far, as a bit mask.</summary>
    public uint DateMask { get; private set; } = DateFormats.AllMask;

    /// <summary>Whether more than <see cref="SchemaInference.DistinctCap"/> distinct values were seen, so counting stopped.</summary>
    public bool DistinctOverflow => _textOverflow || (_numbersSaturated && _numberCap == SchemaInference.DistinctCap);

    /// <summary>
    /// The number of distinct values: exact for texts below the cap and for numbers up to their cap
    /// (<see cref="ExactNumberCap"/> + 1 means "more"); not meaningful once <see cref="DistinctOverflow"/>.
    /// </summary>
    public int DistinctCount => _texts.Count + _numbers.Count + (_numbersSaturated ? 1 : 0);

    /// <summary>The distinct texts seen (all of them unless <see cref="DistinctOverflow"/>), in order of first appearance.</summary>
    public IReadOnlyList<string> Texts => _labels;

    /// <summary>The distinct numbers seen (all of them while <see cref="DistinctCount"/> is exact).</summary>
    public IReadOnlyCollection<double> Numbers => _numbers;

    /// <summary>Counts a missing cell.</summary>
    public void AddMissing()
    {
        if (_keepValues)
        {
            StoreMissing(RowCount);
        }

        MissingCount++;
    }

    /// <summary>Learns from one value (a cell that is not missing), given verbatim.</summary>
    public void Add(ReadOnlySpan<char> cell)
    {
        var row = RowCount;
        ValueCount++;
        if (AllNumbers)
        {
            if (AllIntegers && NumberText.TryParseInteger(cell, out var whole))
            {
                AddNumber(whole);
                if (_keepValues)
                {
                    StoreInteger(row, whole);
                }

                DateMask = 0;
                return;
            }

            if (!AllIntegers && NumberText.TryParseReal(cell, out var real))
            {
                if (_keepValues)
                {
                    StoreDouble(row, real);
                }

                return;
            }

            if (NumberText.TryParseNumber(cell, out var number, out var isInteger))
            {
                if (AllIntegers && isInteger)
                {
                    // A whole number written another way (" 39", "+5"): still an integer, but not verbatim when formatted.
                    NonCanonicalIntegers = true;
                    AddNumber(number);
                    if (_keepValues)
                    {
                        StoreInteger(row, (long)number);
                    }

                    DateMask = 0;
                    return;
                }

                AllIntegers = false;
                if (_keepValues)
                {
                    StoreDouble(row, number);
                }

                DateMask = 0;
                return;
            }

            AllNumbers = AllIntegers = false;
            if (ValueCount > 1)
            {
                // Earlier values were numbers, kept parsed rather than verbatim: this column needs a second look as text.
                SwitchedToText = true;
                DateMask = 0;
                return;
            }

            _state = State.Text;
        }

        if (SwitchedToText)
        {
            return;
        }

        var code = AddText(cell);
        if (_keepValues)
        {
            StoreText(row, code, cell);
        }

        if (DateMask != 0)
        {
            DateMask = DateFormats.Filter(DateMask, cell);
        }
    }

    private void AddNumber(double number)
    {
        if (!_numbersSaturated && _numbers.Add(number) && _numbers.Count > _numberCap)
        {
            // Past its cap the exact count no longer decides anything: stop counting (and, for a key, it is an identifier).
            _numbersSaturated = true;
            _numbers.Remove(number);
        }
    }

    /// <summary>The code of a text value (its index in <see cref="Texts"/>), or -1 once distinct counting has stopped.</summary>
    private int AddText(ReadOnlySpan<char> cell)
    {
        if (_textOverflow)
        {
            return -1;
        }

        if (_textLookup.TryGetValue(cell, out var code))
        {
            return code;
        }

        code = _labels.Count;
        if (code >= SchemaInference.DistinctCap)
        {
            // Past the cap the column is an identifier: drop the sets so memory stays bounded.
            _textOverflow = true;
            _texts.Clear();
            _texts.TrimExcess();
            OnTextOverflow();
            _labels.Clear();
            _labels.TrimExcess();
            return -1;
        }

        var label = cell.ToString();
        _texts.Add(label, code);
        _labels.Add(label);
        return code;
    }
}
