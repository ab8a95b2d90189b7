using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis.Neural.Diffusion;

/// <summary>
/// The reversible encoding TabDDPM diffuses. Numeric, integer and date-time columns go through the quantile transform
/// to a standard normal scale (mid-ranks of ties, so a value repeated by many rows sits at one point), and back
/// through the column's empirical quantile function (whole numbers rounded, values inside the observed range).
/// Categorical, boolean and discrete integer columns (<see cref="ColumnSchema.IsDiscrete"/>) become category indices
/// over the levels seen in training, missing as a level of its own; a numeric column with missing values adds a
/// present/missing indicator. Features with a single level are constant and not diffused. Identifier columns are
/// left to <see cref="ChunkedModel"/>; the optional target is the class label.
/// </summary>
internal sealed class TabularCodec
{
    /// <summary>Uniform scores are kept this far from 0 and 1 before Φ⁻¹ (as scikit-learn's quantile transform).</summary>
    private const double Margin = 1e-7;

    /// <summary>The largest normal score the transform gives, Φ⁻¹(1 - 1e-7) ≈ 5.2: every x₀ lies within ±this.</summary>
    public static readonly double MaxScore = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - Margin);

    private readonly DiffusionColumn[] _discrete;
    private readonly int[] _numeric;

    public TabularCodec(TableSchema schema, MarginalSet marginals, DiffusionLayout layout)
    {
        Schema = schema;
        Marginals = marginals;
        Layout = layout;
        _numeric = [.. layout.Columns.Where(c => c.Type == DiffusionLayout.Numeric).Select(c => c.Column)];
        _discrete = [.. layout.Columns.Where(c => c.Type is DiffusionLayout.Numeric or DiffusionLayout.Discrete)];
        Diffused = [.. Enumerable.Range(0, _discrete.Length).Where(f => _discrete[f].Levels.Length >= 2)];
        Sizes = [.. Diffused.Select(f => _discrete[f].Levels.Length)];
        TargetColumn = layout.Columns.FirstOrDefault(c => c.Type == DiffusionLayout.Target);
    }

    public TableSchema Schema { get; }

    public MarginalSet Marginals { get; }

    public DiffusionLayout Layout { get; }

    /// <summary>Numeric features (columns of the Gaussian block).</summary>
    public int NumericCount => _numeric.Length;

    /// <summary>The discrete features with two or more levels, which are diffused, as indices into the discrete features.</summary>
    public ImmutableArray<int> Diffused { get; }

    /// <summary>The number of categories K of each diffused feature.</summary>
    public ImmutableArray<int> Sizes { get; }

    /// <summary>The class-label column, or null without conditioning.</summary>
    public DiffusionColumn? TargetColumn { get; }

    /// <summary>The number of classes (0 without conditioning).</summary>
    public int ClassCount => TargetColumn?.Levels.Length ?? 0;

    /// <summary>Learns the encoding of <paramref name="data"/>; <paramref name="target"/> names the class column or is null.</summary>
    /// <exception cref="SchemaException">The target is not a column, or a numeric value is not finite.</exception>
    public static TabularCodec Fit(Table data, string? target, int knots)
    {
        var marginals = MarginalSet.Fit(data, knots, parametric: false, progress: null, CancellationToken.None);
        var targetIndex = target is null ? -1 : data.Schema.TryIndexOf(target);
        if (target is not null && targetIndex < 0)
        {
            throw new SchemaException(target, $"the target '{target}' is not a column (columns: {string.Join(", ", data.Schema.Columns.Select(c => c.Name))}).");
        }

        var columns = new DiffusionColumn[data.ColumnCount];
        for (var j = 0; j < columns.Length; j++)
        {
            var column = data[j];
            var schema = data.Schema.Columns[j];
            var type = column.Kind switch
            {
                ColumnKind.Identifier => DiffusionLayout.Identifier,
                ColumnKind.Categorical or ColumnKind.Boolean => j == targetIndex ? DiffusionLayout.Target : DiffusionLayout.Discrete,
                ColumnKind.Integer when schema.IsDiscrete => j == targetIndex ? DiffusionLayout.Target : DiffusionLayout.Discrete,
                _ => DiffusionLayout.Numeric,
            };
            var counts = new SortedDictionary<long, long>();
            if (type != DiffusionLayout.Identifier)
            {
                for (var i = 0; i < column.Length; i++)
                {
                    var level = type == DiffusionLayout.Numeric ? (column.IsMissing(i) ? DiffusionLayout.MissingLevel : 0) : LevelOf(column, i);
                    counts[level] = counts.GetValueOrDefault(level) + 1;
                }
            }

            // Missing (the smallest long) sorts first; put it last so the observed levels keep their order.
            var levels = counts.Keys.Where(l => l != DiffusionLayout.MissingLevel).ToList();
            if (counts.ContainsKey(DiffusionLayout.MissingLevel))
            {
                levels.Add(DiffusionLayout.MissingLevel);
            }

            columns[j] = new DiffusionColumn(j, type, [.. levels], type == DiffusionLayout.Target ? [.. levels.Select(l => counts[l])] : []);
        }

        return new TabularCodec(data.Schema, marginals, new DiffusionLayout([.. columns]));
    }

    /// <summary>
    /// The encoded rows: normal scores (rows × <see cref="NumericCount"/>, 0 where missing), category indices
    /// (rows × diffused features) and class indices (or null without a target).
    /// </summary>
    public (float[] Numeric, int[] Codes, int[]? Labels) Encode(Table data)
    {
        var rows = data.RowCount;
        var numeric = new float[rows * _numeric.Length];
        var u = new double[rows];
        for (var f = 0; f < _numeric.Length; f++)
        {
            var j = _numeric[f];
            var marginal = (NumericMarginal)Marginals.Columns[j];
            marginal.ToUniform(data[j], null, u);
            var m = marginal.MissingRate;
            for (var i = 0; i < rows; i++)
            {
                var v = data[j].IsMissing(i) || m >= 1 ? 0.5 : (u[i] - m) / (1 - m);
                numeric[(i * _numeric.Length) + f] = (float)MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Math.Clamp(v, Margin, 1 - Margin));
            }
        }

        var codes = new int[rows * Diffused.Length];
        for (var d = 0; d < Diffused.Length; d++)
        {
            var feature = _discrete[Diffused[d]];
            var index = Index(feature);
            for (var i = 0; i < rows; i++)
            {
                codes[(i * Diffused.Length) + d] = index[FeatureLevel(feature, data[feature.Column], i)];
            }
        }

        int[]? labels = null;
        if (TargetColumn is { } target)
        {
            var index = Index(target);
            labels = [.. Enumerable.Range(0, rows).Select(i => index[LevelOf(data[target.Column], i)])];
        }

        return (numeric, codes, labels);
    }

    /// <summary>Builds <paramref name="rows"/> rows from normal scores, category indices and class indices (as <see cref="Encode"/> gives them).</summary>
    public Table Decode(int rows, ReadOnlySpan<double> numeric, ReadOnlySpan<int> codes, ReadOnlySpan<int> labels)
    {
        // The level of every discrete feature and the target, per row.
        var levels = new long[_discrete.Length][];
        for (var f = 0; f < _discrete.Length; f++)
        {
            levels[f] = new long[rows];
            var d = Diffused.IndexOf(f);
            for (var i = 0; i < rows; i++)
            {
                levels[f][i] = _discrete[f].Levels[d < 0 ? 0 : codes[(i * Diffused.Length) + d]];
            }
        }

        var columns = new Column[Schema.Count];
        var next = 0;
        for (var f = 0; f < _discrete.Length; f++)
        {
            var feature = _discrete[f];
            var schema = Schema.Columns[feature.Column];
            if (feature.Type == DiffusionLayout.Numeric)
            {
                var u = new double[rows];
                var m = Marginals.Columns[feature.Column].MissingRate;
                for (var i = 0; i < rows; i++)
                {
                    var z = numeric[(i * _numeric.Length) + next];
                    u[i] = levels[f][i] == DiffusionLayout.MissingLevel ? 0 : m + ((1 - m) * Phi(z));
                }

                next++;
                columns[feature.Column] = Marginals.Columns[feature.Column].FromUniform(schema, u);
            }
            else
            {
                columns[feature.Column] = FromLevels(schema, feature.Column, levels[f]);
            }
        }

        if (TargetColumn is { } target)
        {
            var values = new long[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = target.Levels[labels[i]];
            }

            columns[target.Column] = FromLevels(Schema.Columns[target.Column], target.Column, values);
        }

        foreach (var c in Layout.Columns.Where(c => c.Type == DiffusionLayout.Identifier))
        {
            columns[c.Column] = Marginals.Columns[c.Column].FromUniform(Schema.Columns[c.Column], new double[rows]);
        }

        return new Table(Schema, columns);
    }

    /// <summary>The formatted value of each class (as a condition names it), by class index.</summary>
    public ImmutableArray<string?> ClassLabels()
    {
        if (TargetColumn is not { } target)
        {
            return [];
        }

        var column = FromLevels(Schema.Columns[target.Column], target.Column, [.. target.Levels]);
        return [.. Enumerable.Range(0, column.Length).Select(column.FormatValue)];
    }

    private static double Phi(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-z / MathNet.Numerics.Constants.Sqrt2);

    private static Dictionary<long, int> Index(DiffusionColumn feature) =>
        feature.Levels.Select((level, i) => (level, i)).ToDictionary(p => p.level, p => p.i);

    private static long FeatureLevel(DiffusionColumn feature, Column column, int row) =>
        feature.Type == DiffusionLayout.Numeric ? (column.IsMissing(row) ? DiffusionLayout.MissingLevel : 0) : LevelOf(column, row);

    private static long LevelOf(Column column, int row) => column.IsMissing(row) ? DiffusionLayout.MissingLevel : column switch
    {
        CategoricalColumn c => c.Codes[row],
        BooleanColumn b => b.Values[row] ? 1 : 0,
        IntegerColumn n => n.Values[row],
        _ => throw new ArgumentException($"column '{column.Name}' is {column.Kind}, not discrete", nameof(column)),
    };

    private Column FromLevels(ColumnSchema schema, int j, long[] levels)
    {
        var missing = levels.Any(l => l == DiffusionLayout.MissingLevel) ? levels.Select(l => l == DiffusionLayout.MissingLevel).ToArray() : null;
        switch (schema.Kind)
        {
            case ColumnKind.Categorical:
                var labels = ((DiscreteMarginal)Marginals.Columns[j]).Labels;
                return new CategoricalColumn(schema.Name, [.. levels.Select(l => l == DiffusionLayout.MissingLevel ? -1 : (int)l)], labels);
            case ColumnKind.Boolean:
                var texts = ((DiscreteMarginal)Marginals.Columns[j]).Labels;
                return new BooleanColumn(schema.Name, [.. levels.Select(l => l == 1)], missing, texts[1], texts[0]);
            default:
                return new IntegerColumn(schema.Name, [.. levels.Select(l => l == DiffusionLayout.MissingLevel ? 0 : l)], missing);
        }
    }
}
