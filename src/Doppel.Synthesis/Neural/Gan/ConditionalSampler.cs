using Doppel.Data;

namespace Doppel.Synthesis.Neural.Gan;

/// <summary>
/// CTGAN's conditional vector and training-by-sampling (Xu et al., 2019, section 4.3). The conditional vector
/// is the concatenation of every discrete column's one-hot group; a condition sets one category of one column.
/// For training, the column is chosen uniformly and its category with probability proportional to
/// <c>log(1 + count)</c>, so rare categories are seen often enough; the real row paired with it is drawn
/// uniformly among the training rows having that category. For sampling without a user condition, the
/// category is drawn from the empirical frequencies over every discrete column's categories, as the reference does.
/// </summary>
internal sealed class ConditionalSampler
{
    private readonly int[] _condStarts;
    private readonly double[][] _logCumulative;
    private readonly double[] _empiricalCumulative;
    private readonly int[] _flatColumn;
    private readonly int[][]? _rowsByCategory;
    private readonly int[][]? _categoryOffsets;

    /// <summary>
    /// Creates the sampler from per-column category counts; with <paramref name="categoryOfRow"/> ([column][row]) it
    /// can also pick real rows. Without <paramref name="logFrequency"/>, training categories follow the plain counts.
    /// </summary>
    public ConditionalSampler(IReadOnlyList<long[]> counts, int[][]? categoryOfRow = null, bool logFrequency = true)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Columns = counts.Count;
        _condStarts = new int[Columns + 1];
        _logCumulative = new double[Columns][];
        var flat = new List<double>();
        var flatColumn = new List<int>();
        for (var c = 0; c < Columns; c++)
        {
            _condStarts[c + 1] = _condStarts[c] + counts[c].Length;
            _logCumulative[c] = Cumulative(counts[c].Select(n => logFrequency ? Math.Log(1.0 + n) : n));
            flat.AddRange(counts[c].Select(n => (double)n));
            flatColumn.AddRange(Enumerable.Repeat(c, counts[c].Length));
        }

        _empiricalCumulative = Cumulative(flat);
        _flatColumn = [.. flatColumn];
        if (categoryOfRow is not null)
        {
            (_rowsByCategory, _categoryOffsets) = (new int[Columns][], new int[Columns][]);
            for (var c = 0; c < Columns; c++)
            {
                (_rowsByCategory[c], _categoryOffsets[c]) = GroupRows(categoryOfRow[c], counts[c].Length);
            }
        }
    }

    /// <summary>Number of discrete columns.</summary>
    public int Columns { get; }

    /// <summary>Width of the conditional vector: the total number of categories.</summary>
    public int Width => _condStarts[Columns];

    /// <summary>Where column <paramref name="column"/>'s group starts in the conditional vector.</summary>
    public int ConditionStart(int column) => _condStarts[column];

    /// <summary>Categories of column <paramref name="column"/>.</summary>
    public int Categories(int column) => _condStarts[column + 1] - _condStarts[column];

    /// <summary>A training condition: the column uniformly, the category by log-frequency.</summary>
    public (int Column, int Category) SampleTraining(Rng rng)
    {
        var column = rng.Next(Columns);
        return (column, Draw(_logCumulative[column], rng));
    }

    /// <summary>A sampling condition: a category drawn from the empirical frequencies of all categories.</summary>
    public (int Column, int Category) SampleOriginal(Rng rng)
    {
        var flat = Draw(_empiricalCumulative, rng);
        var column = _flatColumn[flat];
        return (column, flat - _condStarts[column]);
    }

    /// <summary>A training row whose <paramref name="column"/> holds <paramref name="category"/> (uniformly among them).</summary>
    /// <exception cref="InvalidOperationException">The sampler was made without rows.</exception>
    public int RealRow(int column, int category, Rng rng)
    {
        if (_rowsByCategory is null)
        {
            throw new InvalidOperationException("This sampler was made without training rows.");
        }

        var offsets = _categoryOffsets![column];
        int from = offsets[category], count = offsets[category + 1] - from;
        return count > 0 ? _rowsByCategory[column][from + rng.Next(count)] : rng.Next(_rowsByCategory[column].Length);
    }

    /// <summary>Sets the one-hot of (<paramref name="column"/>, <paramref name="category"/>) in a zeroed conditional-vector row.</summary>
    public void Write(Span<float> condition, int column, int category) => condition[_condStarts[column] + category] = 1f;

    /// <summary>The category of every row of every block (argmax of its one-hot group): [column][row].</summary>
    public static int[][] Categorize(ReadOnlySpan<float> encoded, int rows, int width, IReadOnlyList<(int Start, int Width)> blocks)
    {
        var result = new int[blocks.Count][];
        for (var c = 0; c < blocks.Count; c++)
        {
            result[c] = new int[rows];
            for (var r = 0; r < rows; r++)
            {
                var group = encoded.Slice((r * width) + blocks[c].Start, blocks[c].Width);
                var best = 0;
                for (var j = 1; j < group.Length; j++)
                {
                    best = group[j] > group[best] ? j : best;
                }

                result[c][r] = best;
            }
        }

        return result;
    }

    private static (int[] Rows, int[] Offsets) GroupRows(int[] categories, int count)
    {
        var offsets = new int[count + 1];
        foreach (var k in categories)
        {
            offsets[k + 1]++;
        }

        for (var k = 0; k < count; k++)
        {
            offsets[k + 1] += offsets[k];
        }

        var rows = new int[categories.Length];
        var next = offsets[..^1];
        for (var r = 0; r < categories.Length; r++)
        {
            rows[next[categories[r]]++] = r;
        }

        return (rows, offsets);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var cumulative = weights.ToArray();
        for (var i = 1; i < cumulative.Length; i++)
        {
            cumulative[i] += cumulative[i - 1];
        }

        return cumulative;
    }

    // The first index whose cumulative weight exceeds u · total; zero weights are never drawn.
    private static int Draw(double[] cumulative, Rng rng)
    {
        var total = cumulative[^1];
        if (!(total > 0))
        {
            return rng.Next(cumulative.Length);
        }

        var u = rng.NextDouble() * total;
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
