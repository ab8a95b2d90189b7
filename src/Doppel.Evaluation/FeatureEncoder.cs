namespace Doppel.Evaluation;

/// <summary>
/// Turns aligned columns into dense float rows. For gradient boosting, numbers stay raw (NaN = missing) and
/// labels become one-hot slots. For distances, numbers are standardised by the real column's mean and
/// standard deviation (missing → 0 plus a missing-flag slot when any table has missing values) and labels
/// become one-hot slots with one more slot for missing.
/// </summary>
internal sealed class FeatureEncoder
{
    private readonly AlignedColumn[] _columns;
    private readonly bool _standardise;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly bool[] _flag;
    private readonly int[] _offset;

    public FeatureEncoder(IEnumerable<AlignedColumn> columns, bool standardise)
    {
        _columns = [.. columns.Where(c => c.Feature != FeatureKind.Skipped)];
        _standardise = standardise;
        _mean = new double[_columns.Length];
        _scale = new double[_columns.Length];
        _flag = new bool[_columns.Length];
        _offset = new int[_columns.Length];
        var width = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            _offset[c] = width;
            if (column.Feature == FeatureKind.Numeric)
            {
                var present = column.SortedPresent(AlignedColumn.Real);
                _mean[c] = present.Length == 0 ? 0 : Fidelity.Statistics.Mean(present);
                var sd = Fidelity.Statistics.StandardDeviation(present);
                _scale[c] = sd > 0 ? 1 / sd : 1;
                _flag[c] = standardise && Enumerable.Range(0, column.TableCount).Any(t => column.CountMissing(t) > 0);
                width += _flag[c] ? 2 : 1;
            }
            else
            {
                width += column.Categories.Length + (standardise ? 1 : 0);
            }
        }

        Width = width;
    }

    /// <summary>Floats per row.</summary>
    public int Width { get; }

    /// <summary>The encoded rows of table <paramref name="table"/> at <paramref name="rows"/> (all rows when null), row-major.</summary>
    public float[] Encode(int table, IReadOnlyList<int>? rows = null)
    {
        var count = rows?.Count ?? RowCount(table);
        var result = new float[count * Width];
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            for (var i = 0; i < count; i++)
            {
                var row = rows?[i] ?? i;
                var at = (i * Width) + _offset[c];
                if (column.Numbers is { } numbers)
                {
                    var v = numbers[table][row];
                    if (!_standardise)
                    {
                        result[at] = (float)v;
                    }
                    else if (double.IsNaN(v))
                    {
                        result[at + 1] = 1;
                    }
                    else
                    {
                        result[at] = (float)((v - _mean[c]) * _scale[c]);
                    }
                }
                else
                {
                    var code = column.Codes![table][row];
                    if (code >= 0)
                    {
                        result[at + code] = 1;
                    }
                    else if (_standardise)
                    {
                        result[at + column.Categories.Length] = 1;
                    }
                }
            }
        }

        return result;
    }

    private int RowCount(int table) => _columns.Length == 0 ? 0 : _columns[0].Numbers?[table].Length ?? _columns[0].Codes![table].Length;
}
