using System.Collections.Immutable;
using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Learns the marginals of a table one batch at a time in bounded memory: a <see cref="QuantileSketch"/> per numeric
/// column, label counts per categorical or boolean column (labels in order of first appearance, as a whole-table
/// read would number them). While a numeric column has at most <see cref="SketchCapacity"/> values its marginal equals
/// the one <see cref="MarginalSet.Fit"/> learns from the whole table.
/// </summary>
internal sealed class MarginalAccumulator
{
    /// <summary>Values a numeric column's sketch holds per level (exact below this many values).</summary>
    public const int SketchCapacity = 1 << 16;

    /// <summary>Evenly spaced quantiles given to the parametric fit when the sketch is no longer exact.</summary>
    private const int ParametricSample = 10_001;

    private readonly TableSchema _schema;
    private readonly QuantileSketch?[] _sketches;
    private readonly long[] _missing;
    private readonly Dictionary<string, int>?[] _labelIndex;
    private readonly List<string>?[] _labels;
    private readonly List<long>?[] _counts;
    private readonly string[]?[] _booleanTexts;

    /// <summary>Starts empty accumulators for <paramref name="schema"/>; sketch coin flips come from <paramref name="rng"/>.</summary>
    public MarginalAccumulator(TableSchema schema, Rng rng)
    {
        _schema = schema;
        var d = schema.Count;
        _sketches = new QuantileSketch?[d];
        _missing = new long[d];
        _labelIndex = new Dictionary<string, int>?[d];
        _labels = new List<string>?[d];
        _counts = new List<long>?[d];
        _booleanTexts = new string[]?[d];
        for (var j = 0; j < d; j++)
        {
            switch (schema.Columns[j].Kind)
            {
                case ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime:
                    _sketches[j] = new QuantileSketch(SketchCapacity, rng.Fork("sketch", j));
                    break;
                case ColumnKind.Categorical or ColumnKind.Boolean:
                    _labelIndex[j] = new Dictionary<string, int>(StringComparer.Ordinal);
                    _labels[j] = [];
                    _counts[j] = [];
                    break;
            }
        }
    }

    /// <summary>The rows seen.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds a batch.</summary>
    /// <exception cref="SchemaException">A numeric value is NaN or infinite.</exception>
    public void Add(Table batch)
    {
        for (var j = 0; j < batch.ColumnCount; j++)
        {
            var column = batch[j];
            _missing[j] += column.MissingCount;
            switch (column)
            {
                case NumericColumn or IntegerColumn or DateTimeColumn:
                    AddNumbers(j, column);
                    break;
                case CategoricalColumn c:
                    var codes = GlobalCodes(j, c);
                    foreach (var code in c.Codes)
                    {
                        if (code >= 0)
                        {
                            _counts[j]![codes[code]]++;
                        }
                    }

                    break;
                case BooleanColumn b:
                    _booleanTexts[j] ??= [b.FalseText, b.TrueText];
                    if (_counts[j]!.Count == 0)
                    {
                        _counts[j]!.AddRange([0, 0]);
                    }

                    for (var i = 0; i < b.Length; i++)
                    {
                        if (!b.IsMissing(i))
                        {
                            _counts[j]![b.Values[i] ? 1 : 0]++;
                        }
                    }

                    break;
            }
        }

        Rows += batch.RowCount;
    }

    /// <summary>
    /// The codes of <paramref name="column"/>'s categories in the accumulated label list (new labels are appended).
    /// </summary>
    public int[] GlobalCodes(int j, CategoricalColumn column)
    {
        var index = _labelIndex[j]!;
        var codes = new int[column.Categories.Length];
        for (var k = 0; k < codes.Length; k++)
        {
            var label = column.Categories[k];
            if (!index.TryGetValue(label, out var code))
            {
                code = _labels[j]!.Count;
                index.Add(label, code);
                _labels[j]!.Add(label);
                _counts[j]!.Add(0);
            }

            codes[k] = code;
        }

        return codes;
    }

    /// <summary>The marginals learned so far.</summary>
    public MarginalSet Build(int knots, bool parametric)
    {
        var columns = new ColumnMarginal[_schema.Count];
        for (var j = 0; j < columns.Length; j++)
        {
            var kind = _schema.Columns[j].Kind;
            columns[j] = kind switch
            {
                ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime => Numeric(j, kind, knots, parametric),
                ColumnKind.Categorical => new DiscreteMarginal(kind, [.. _labels[j]!], [.. _counts[j]!], _missing[j]),
                ColumnKind.Boolean => new DiscreteMarginal(kind, [.. _booleanTexts[j] ?? ["false", "true"]],
                    _counts[j]!.Count == 0 ? [0, 0] : [.. _counts[j]!], _missing[j]),
                _ => new IdentifierMarginal(),
            };
        }

        return new MarginalSet(_schema, [.. columns]);
    }

    private NumericMarginal Numeric(int j, ColumnKind kind, int knots, bool parametric)
    {
        var sketch = _sketches[j]!;
        var stored = sketch.Quantiles(knots);
        TruncatedDistribution? family = null;
        if (parametric && sketch.Count > 1 && sketch.Min < sketch.Max)
        {
            var sample = sketch.IsExact ? sketch.Quantiles(int.MaxValue) : sketch.Quantiles(ParametricSample);
            family = TruncatedDistribution.FitBest(sample);
        }

        return new NumericMarginal(kind, _missing[j], sketch.Count, stored, family);
    }

    private void AddNumbers(int j, Column column)
    {
        var sketch = _sketches[j]!;
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsMissing(i))
            {
                continue;
            }

            double x = column switch
            {
                NumericColumn c => c.Values[i],
                IntegerColumn c => c.Values[i],
                DateTimeColumn c => c.Ticks[i],
                _ => double.NaN,
            };
            if (!double.IsFinite(x))
            {
                throw new SchemaException(column.Name, string.Create(CultureInfo.InvariantCulture,
                    $"row {Rows + i + 1} holds {x}; numeric values must be finite (mark it missing instead)."));
            }

            sketch.Add(x);
        }
    }

    /// <summary>The labels accumulated for categorical column <paramref name="j"/>.</summary>
    public ImmutableArray<string> Labels(int j) => [.. _labels[j]!];
}
