namespace Doppel.Synthesis.Mixtures;

/// <summary>The rows that share one set of missing numeric columns, with their observed values gathered.</summary>
internal sealed class MissingPattern
{
    public MissingPattern(int[]? rows, int count, int[] observed, int[] missing, double[][] values)
    {
        Rows = rows;
        Count = count;
        Observed = observed;
        Missing = missing;
        Values = values;
    }

    /// <summary>The rows of the pattern, or null when the pattern holds every row in order.</summary>
    public int[]? Rows { get; }

    public int Count { get; }

    /// <summary>The observed numeric slots.</summary>
    public int[] Observed { get; }

    /// <summary>The missing numeric slots.</summary>
    public int[] Missing { get; }

    /// <summary>One array per observed slot: <see cref="Count"/> values, then zeros up to <see cref="PaddedCount"/>.</summary>
    public double[][] Values { get; }

    /// <summary><see cref="Count"/> rounded up to a whole number of vectors.</summary>
    public int PaddedCount => MixtureKernels.Pad(Count);
}

/// <summary>A frequent whole value of an integer column: its slot, standardised value and share of rows.</summary>
internal sealed record NumericSpike(int Slot, double Value, double Share);

/// <summary>A table prepared for EM: numeric columns grouped by missing pattern, discrete codes by slot.</summary>
internal sealed class MixtureData
{
    public MixtureData(double[][] numeric, int[][] discrete, int[] levels, int rows, double[]? varianceFloors = null)
    {
        VarianceFloors = varianceFloors ?? new double[numeric.Length];
        Numeric = numeric;
        Discrete = discrete;
        Levels = levels;
        Rows = rows;
        LevelOffsets = new int[levels.Length + 1];
        for (var j = 0; j < levels.Length; j++)
        {
            LevelOffsets[j + 1] = LevelOffsets[j] + levels[j];
        }

        Patterns = BuildPatterns(numeric, rows);
    }

    public int Rows { get; }

    /// <summary>The smallest variance each numeric slot may have (the rounding variance of integer columns).</summary>
    public double[] VarianceFloors { get; }

    public int NumericCount => Numeric.Length;

    public int DiscreteCount => Discrete.Length;

    /// <summary>Standardised numeric values, one array per slot (NaN = missing).</summary>
    public double[][] Numeric { get; }

    public int[][] Discrete { get; }

    public int[] Levels { get; }

    /// <summary>Where each discrete slot's levels start in a flattened level vector; the last entry is the total.</summary>
    public int[] LevelOffsets { get; }

    public IReadOnlyList<MissingPattern> Patterns { get; }

    /// <summary>The most frequent values of integer slots holding at least 2% of rows, most frequent first.</summary>
    public IReadOnlyList<NumericSpike> Spikes => _spikes ??= FindSpikes();

    private IReadOnlyList<NumericSpike>? _spikes;

    private NumericSpike[] FindSpikes()
    {
        var spikes = new List<NumericSpike>();
        for (var a = 0; a < NumericCount; a++)
        {
            if (VarianceFloors[a] <= 0)
            {
                continue;
            }

            var counts = new Dictionary<double, int>();
            foreach (var v in Numeric[a])
            {
                if (!double.IsNaN(v))
                {
                    counts[v] = counts.GetValueOrDefault(v) + 1;
                }
            }

            spikes.AddRange(counts.Where(c => c.Value >= 0.02 * Rows).Select(c => new NumericSpike(a, c.Key, (double)c.Value / Rows)));
        }

        return [.. spikes.OrderByDescending(s => s.Share).ThenBy(s => s.Slot).ThenBy(s => s.Value)];
    }

    public bool HasMissingNumeric => Patterns.Count > 1 || (Patterns.Count == 1 && Patterns[0].Missing.Length > 0);

    public static MixtureData From(EncodedTable encoded, ColumnLayout layout) =>
        new(encoded.Numeric, encoded.Discrete, layout.Levels, encoded.Rows, layout.QuantisationVariances());

    private static MissingPattern[] BuildPatterns(double[][] numeric, int rows)
    {
        var d = numeric.Length;
        if (d == 0 || rows == 0)
        {
            return [new MissingPattern(null, rows, [], [], [])];
        }

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var key = new char[d];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < d; j++)
            {
                key[j] = double.IsNaN(numeric[j][i]) ? '1' : '0';
            }

            var k = new string(key);
            if (!groups.TryGetValue(k, out var list))
            {
                list = [];
                groups.Add(k, list);
            }

            list.Add(i);
        }

        var patterns = new List<MissingPattern>();
        foreach (var (k, list) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var observed = Enumerable.Range(0, d).Where(j => k[j] == '0').ToArray();
            var missing = Enumerable.Range(0, d).Where(j => k[j] == '1').ToArray();
            var rowArray = list.ToArray();
            var padded = MixtureKernels.Pad(rowArray.Length);
            var values = new double[observed.Length][];
            for (var a = 0; a < observed.Length; a++)
            {
                values[a] = new double[padded];
                for (var t = 0; t < rowArray.Length; t++)
                {
                    values[a][t] = numeric[observed[a]][rowArray[t]];
                }
            }

            patterns.Add(new MissingPattern(groups.Count == 1 ? null : rowArray, rowArray.Length, observed, missing, values));
        }

        return [.. patterns];
    }
}
