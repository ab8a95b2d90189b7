namespace Doppel.Evaluation.Privacy;

/// <summary>Distances to closest records, nearest-neighbour distance ratios and exact copies.</summary>
internal static class PrivacyMetrics
{
    private const int R = AlignedColumn.Real;
    private const int S = AlignedColumn.Synthetic;
    private const int H = AlignedColumn.Holdout;

    public static PrivacyReport Run(AlignedTables tables, CancellationToken ct)
    {
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var compared = tables.Columns.Where(c => c.Feature != FeatureKind.Skipped).ToArray();
        var encoder = new FeatureEncoder(compared, standardise: true);
        var train = encoder.Encode(R);
        var n = tables.RowCounts[R];
        var d = encoder.Width;
        var copies = CountCopies(compared, S, tables.RowCounts[S], n);
        var report = new PrivacyReport
        {
            ExactCopies = copies,
            ExactCopyRate = copies / (double)tables.RowCounts[S],
            Reasons = reasons,
        };
        if (d == 0)
        {
            reasons["dcr"] = "no column can be compared";
            return report;
        }

        var (synFirst, synSecond) = NearestNeighbours.TwoNearest(encoder.Encode(S), tables.RowCounts[S], train, n, d, ct);
        report = report with
        {
            DcrSyntheticMedian = Percentile(synFirst, 0.5),
            DcrSyntheticP5 = Percentile(synFirst, 0.05),
            NndrSyntheticMedian = n < 2 ? null : Percentile(Ratios(synFirst, synSecond), 0.5),
        };
        if (n < 2)
        {
            reasons["nndr_synthetic_median"] = reasons["nndr_holdout_median"] = "fewer than two training rows";
        }

        if (!tables.HasHoldout)
        {
            const string why = "no holdout rows to compare with";
            reasons["dcr_holdout_median"] = reasons["dcr_holdout_p5"] = reasons["dcr_ratio"] = reasons["nndr_holdout_median"] = why;
            return report;
        }

        var (holdFirst, holdSecond) = NearestNeighbours.TwoNearest(encoder.Encode(H), tables.RowCounts[H], train, n, d, ct);
        var holdoutMedian = Percentile(holdFirst, 0.5);
        double? ratio = null;
        if (holdoutMedian > 0 && report.DcrSyntheticMedian is { } synMedian)
        {
            ratio = synMedian / holdoutMedian;
        }
        else
        {
            reasons["dcr_ratio"] = "the holdout rows' median distance is 0 (most holdout rows also occur in the training rows)";
        }

        return report with
        {
            DcrHoldoutMedian = holdoutMedian,
            DcrHoldoutP5 = Percentile(holdFirst, 0.05),
            DcrRatio = ratio,
            NndrHoldoutMedian = n < 2 ? null : Percentile(Ratios(holdFirst, holdSecond), 0.5),
            HoldoutExactCopies = CountCopies(compared, H, tables.RowCounts[H], n),
        };
    }

    /// <summary>The <paramref name="q"/>-quantile with linear interpolation (NumPy's default); null for no values.</summary>
    private static double? Percentile(double[] values, double q)
    {
        if (values.Length == 0)
        {
            return null;
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return Fidelity.ColumnMetrics.Finite(Fidelity.Statistics.Quantile(sorted, q));
    }

    private static double[] Ratios(double[] first, double[] second)
    {
        var ratios = new double[first.Length];
        for (var i = 0; i < ratios.Length; i++)
        {
            ratios[i] = second[i] > 0 ? first[i] / second[i] : 0;
        }

        return ratios;
    }

    /// <summary>Rows of table <paramref name="table"/> equal in every compared column (missing equal to missing) to some real row.</summary>
    private static long CountCopies(AlignedColumn[] columns, int table, int rows, int realRows)
    {
        var comparer = new RowComparer(columns);
        var seen = new HashSet<(int Table, int Row)>(comparer);
        for (var i = 0; i < realRows; i++)
        {
            seen.Add((R, i));
        }

        long copies = 0;
        for (var i = 0; i < rows; i++)
        {
            copies += seen.Contains((table, i)) ? 1 : 0;
        }

        return copies;
    }

    private sealed class RowComparer(AlignedColumn[] columns) : IEqualityComparer<(int Table, int Row)>
    {
        public bool Equals((int Table, int Row) x, (int Table, int Row) y)
        {
            foreach (var c in columns)
            {
                if (c.Numbers is { } numbers)
                {
                    // NaN (missing) equals NaN here: a copied row copies its gaps too.
                    if (!numbers[x.Table][x.Row].Equals(numbers[y.Table][y.Row]))
                    {
                        return false;
                    }
                }
                else if (c.Codes![x.Table][x.Row] != c.Codes[y.Table][y.Row])
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode((int Table, int Row) obj)
        {
            var hash = default(HashCode);
            foreach (var c in columns)
            {
                if (c.Numbers is { } numbers)
                {
                    hash.Add(numbers[obj.Table][obj.Row]);
                }
                else
                {
                    hash.Add(c.Codes![obj.Table][obj.Row]);
                }
            }

            return hash.ToHashCode();
        }
    }
}
