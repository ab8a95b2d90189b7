using System.Collections.Immutable;

namespace Doppel.Evaluation.Fidelity;

/// <summary>Computes the pair reports and the association matrices over the compared columns.</summary>
internal static class PairMetrics
{
    private const int R = AlignedColumn.Real;
    private const int S = AlignedColumn.Synthetic;

    /// <summary>Quantile bins of the real data used for the numeric side of a mixed pair.</summary>
    public const int MixedBins = 10;

    public static (ImmutableArray<PairReport> Pairs, AssociationMatrices Associations) Compute(IReadOnlyList<AlignedColumn> columns)
    {
        var compared = columns.Where(c => c.Feature != FeatureKind.Skipped).ToArray();
        var binned = compared.Select(c => c.Feature == FeatureKind.Numeric ? Bin(c) : null).ToArray();
        var k = compared.Length;
        var real = new double?[k, k];
        var syn = new double?[k, k];
        var pairs = ImmutableArray.CreateBuilder<PairReport>();
        for (var i = 0; i < k; i++)
        {
            real[i, i] = syn[i, i] = 1;
            for (var j = i + 1; j < k; j++)
            {
                var (pair, associationReal, associationSyn) = Pair(compared[i], compared[j], binned[i], binned[j]);
                pairs.Add(pair);
                real[i, j] = real[j, i] = associationReal;
                syn[i, j] = syn[j, i] = associationSyn;
            }
        }

        var matrices = new AssociationMatrices(
            [.. compared.Select(c => c.Name)],
            Rows(k, (a, b) => real[a, b]),
            Rows(k, (a, b) => syn[a, b]),
            Rows(k, (a, b) => syn[a, b] - real[a, b]));
        return (pairs.ToImmutable(), matrices);
    }

    /// <summary>The pair trend score: mean of the scores of pairs that count towards it.</summary>
    public static double? TrendScore(IEnumerable<PairReport> pairs)
    {
        var scores = pairs.Where(p => p.InScore && p.Score is not null).Select(p => p.Score!.Value).ToArray();
        return scores.Length == 0 ? null : scores.Average();
    }

    private static ImmutableArray<ImmutableArray<double?>> Rows(int k, Func<int, int, double?> entry) =>
        [.. Enumerable.Range(0, k).Select(a => Enumerable.Range(0, k).Select(b => entry(a, b)).ToImmutableArray())];

    private static (PairReport Pair, double? Real, double? Synthetic) Pair(AlignedColumn a, AlignedColumn b, int[][]? binsA, int[][]? binsB)
    {
        var reasons = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var bothNumeric = a.Feature == FeatureKind.Numeric && b.Feature == FeatureKind.Numeric;
        var bothDiscrete = a.Feature == FeatureKind.Discrete && b.Feature == FeatureKind.Discrete;
        var pair = new PairReport
        {
            First = a.Name,
            Second = b.Name,
            Kind = bothNumeric ? "numeric" : bothDiscrete ? "discrete" : "mixed",
            InScore = bothNumeric || bothDiscrete,
            Reasons = reasons,
        };

        var rowsReal = BothPresent(a, b, R);
        var rowsSyn = BothPresent(a, b, S);
        if (rowsReal.Length < 2 || rowsSyn.Length < 2)
        {
            var why = rowsReal.Length < 2 ? "fewer than two real rows hold both values" : "fewer than two synthetic rows hold both values";
            reasons["score"] = why;
            return (pair, null, null);
        }

        if (bothNumeric)
        {
            return Numeric(a, b, rowsReal, rowsSyn, pair, reasons);
        }

        var codesA = a.Codes ?? binsA!;
        var codesB = b.Codes ?? binsB!;
        var widthA = a.Codes is null ? MixedBins : a.Categories.Length;
        var widthB = b.Codes is null ? MixedBins : b.Categories.Length;
        var jointReal = Joint(codesA[R], codesB[R], widthA, widthB, rowsReal);
        var jointSyn = Joint(codesA[S], codesB[S], widthA, widthB, rowsSyn);
        var similarity = 1 - Statistics.TotalVariation(Flat(jointReal), Flat(jointSyn));
        pair = pair with { ContingencySimilarity = similarity, Score = similarity };
        if (bothDiscrete)
        {
            return (pair, ColumnMetrics.Finite(ChiSquare.CramersV(jointReal)), ColumnMetrics.Finite(ChiSquare.CramersV(jointSyn)));
        }

        var (numeric, discrete) = a.Feature == FeatureKind.Numeric ? (a, b) : (b, a);
        return (pair,
            ColumnMetrics.Finite(CorrelationRatio(numeric.Numbers![R], discrete.Codes![R], discrete.Categories.Length, rowsReal)),
            ColumnMetrics.Finite(CorrelationRatio(numeric.Numbers![S], discrete.Codes![S], discrete.Categories.Length, rowsSyn)));
    }

    private static (PairReport, double?, double?) Numeric(
        AlignedColumn a, AlignedColumn b, int[] rowsReal, int[] rowsSyn, PairReport pair, SortedDictionary<string, string> reasons)
    {
        var xr = Gather(a.Numbers![R], rowsReal);
        var yr = Gather(b.Numbers![R], rowsReal);
        var xs = Gather(a.Numbers![S], rowsSyn);
        var ys = Gather(b.Numbers![S], rowsSyn);
        var pr = ColumnMetrics.Finite(Statistics.Pearson(xr, yr));
        var ps = ColumnMetrics.Finite(Statistics.Pearson(xs, ys));
        var sr = ColumnMetrics.Finite(Statistics.Spearman(xr, yr));
        var ss = ColumnMetrics.Finite(Statistics.Spearman(xs, ys));
        if (pr is null || ps is null)
        {
            var why = pr is null ? "a real column is constant, so its correlation is undefined" : "a synthetic column is constant, so its correlation is undefined";
            reasons["pearson"] = reasons["spearman"] = reasons["score"] = why;
        }

        pair = pair with
        {
            PearsonReal = pr,
            PearsonSynthetic = ps,
            PearsonDifference = ps - pr,
            SpearmanReal = sr,
            SpearmanSynthetic = ss,
            SpearmanDifference = ss - sr,
            Score = 1 - (Math.Abs((ps - pr) ?? double.NaN) / 2) is var score && double.IsFinite(score) ? score : null,
        };
        return (pair, pr, ps);
    }

    /// <summary>η = √(between-group sum of squares / total sum of squares); NaN when the numeric side is constant.</summary>
    public static double CorrelationRatio(double[] values, int[] codes, int categories, int[] rows)
    {
        var sums = new double[categories];
        var counts = new long[categories];
        var total = 0.0;
        foreach (var r in rows)
        {
            sums[codes[r]] += values[r];
            counts[codes[r]]++;
            total += values[r];
        }

        var mean = total / rows.Length;
        var totalSquares = 0.0;
        foreach (var r in rows)
        {
            totalSquares += (values[r] - mean) * (values[r] - mean);
        }

        var between = 0.0;
        for (var c = 0; c < categories; c++)
        {
            if (counts[c] > 0)
            {
                var d = (sums[c] / counts[c]) - mean;
                between += counts[c] * d * d;
            }
        }

        return totalSquares <= 0 ? double.NaN : Math.Sqrt(Math.Clamp(between / totalSquares, 0, 1));
    }

    /// <summary>Codes of the 10 quantile bins of the real column, right-closed as pandas' <c>qcut</c> (-1 for missing).</summary>
    private static int[][] Bin(AlignedColumn column)
    {
        var sorted = column.SortedPresent(R);
        var edges = sorted.Length == 0
            ? []
            : Enumerable.Range(1, MixedBins - 1).Select(q => Statistics.Quantile(sorted, q / (double)MixedBins)).Distinct().ToArray();
        var result = new int[column.TableCount][];
        for (var t = 0; t < result.Length; t++)
        {
            var values = column.Numbers![t];
            var codes = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                codes[i] = double.IsNaN(values[i]) ? -1 : LowerBound(edges, values[i]);
            }

            result[t] = codes;
        }

        return result;
    }

    private static int LowerBound(double[] edges, double x)
    {
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int[] BothPresent(AlignedColumn a, AlignedColumn b, int table)
    {
        var n = a.Numbers?[table].Length ?? a.Codes![table].Length;
        var rows = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            if (!a.IsMissing(table, i) && !b.IsMissing(table, i))
            {
                rows.Add(i);
            }
        }

        return [.. rows];
    }

    private static double[] Gather(double[] values, int[] rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }

        return result;
    }

    private static long[,] Joint(int[] a, int[] b, int widthA, int widthB, int[] rows)
    {
        var table = new long[widthA, widthB];
        foreach (var r in rows)
        {
            table[a[r], b[r]]++;
        }

        return table;
    }

    private static long[] Flat(long[,] table)
    {
        var flat = new long[table.Length];
        var i = 0;
        foreach (var x in table)
        {
            flat[i++] = x;
        }

        return flat;
    }
}
