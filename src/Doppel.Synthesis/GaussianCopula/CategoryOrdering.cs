using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace Doppel.Synthesis;

/// <summary>
/// Orders the categories of each discrete column along the normal scale so that a correlation can express as much of
/// their association with the other columns as possible. Any order keeps the marginals; the copula's linear
/// correlation, though, only sees dependence that is monotone in that order, and frequency order is arbitrary with
/// respect to other columns (the education levels of Adult against income).
/// <para>The order is the first dimension of a homogeneity analysis (multiple correspondence analysis with the
/// numeric columns' normal scores as fixed quantifications), found by power iteration: each row gets a score,
/// each category the mean score of its rows, each numeric column its correlation with the scores, and the row scores
/// are recomputed as the sum of their columns' quantifications and standardised. Categories are then sorted by their
/// final quantification. Category means settle long before all rows are used, so the analysis runs on at most
/// <see cref="MaxRows"/> rows taken at an even stride.</para>
/// </summary>
internal static class CategoryOrdering
{
    /// <summary>Power-iteration steps; the order settles within a few, the rest are a margin.</summary>
    public const int Iterations = 15;

    /// <summary>The most rows the analysis looks at.</summary>
    public const int MaxRows = 8192;

    /// <summary>The marginals with every discrete column's intervals reordered by association.</summary>
    /// <param name="marginals">The fitted marginals.</param>
    /// <param name="indices">For each modelled column, the category index of every row (discrete columns; null for numeric).</param>
    /// <param name="scores">For each modelled column, its normal scores (numeric columns; null for discrete).</param>
    /// <param name="rows">The number of training rows.</param>
    public static MarginalSet Apply(MarginalSet marginals, int[]?[] indices, double[]?[] scores, int rows)
    {
        var discrete = Enumerable.Range(0, indices.Length).Where(k => indices[k] is not null).ToArray();
        if (discrete.Length == 0 || rows < 2)
        {
            return marginals;
        }

        var stride = (rows + MaxRows - 1) / MaxRows;
        if (stride > 1)
        {
            indices = [.. indices.Select(index => index is null ? null : Strided(index, stride))];
            scores = [.. scores.Select(z => z is null ? null : Strided(z, stride))];
            rows = (rows + stride - 1) / stride;
        }

        var numeric = Enumerable.Range(0, scores.Length).Where(k => scores[k] is not null).Select(k => Standardised(scores[k]!)).ToArray();
        var levels = discrete.Select(k => ((DiscreteMarginal)marginals.Columns[marginals.Modelled[k]]).Labels.Length + 1).ToArray();

        // Start from frequency order: each row's category position, centred, summed over the discrete columns.
        var x = new double[rows];
        for (var c = 0; c < discrete.Length; c++)
        {
            var start = StartingQuantification((DiscreteMarginal)marginals.Columns[marginals.Modelled[discrete[c]]]);
            var index = indices[discrete[c]]!;
            for (var i = 0; i < rows; i++)
            {
                x[i] += start[index[i]];
            }
        }

        foreach (var z in numeric)
        {
            TensorPrimitives.Add(x, z, x);
        }

        Standardise(x);
        var quantifications = new double[discrete.Length][];
        for (var step = 0; step < Iterations; step++)
        {
            var y = new double[rows];
            foreach (var z in numeric)
            {
                TensorPrimitives.MultiplyAdd(z, TensorPrimitives.Dot<double>(z, x) / rows, y, y);
            }

            for (var c = 0; c < discrete.Length; c++)
            {
                var index = indices[discrete[c]]!;
                var q = quantifications[c] = CategoryMeans(x, index, levels[c]);
                for (var i = 0; i < rows; i++)
                {
                    y[i] += q[index[i]];
                }
            }

            if (!Standardise(y))
            {
                break;
            }

            x = y;
        }

        var columns = marginals.Columns.ToBuilder();
        for (var c = 0; c < discrete.Length; c++)
        {
            var j = marginals.Modelled[discrete[c]];
            var marginal = (DiscreteMarginal)columns[j];
            var q = quantifications[c] ?? CategoryMeans(x, indices[discrete[c]]!, levels[c]);
            var missing = marginal.Labels.Length;
            var order = marginal.Order
                .OrderBy(code => q[code < 0 ? missing : code])
                .ThenBy(code => code < 0 ? int.MaxValue : code)
                .ToImmutableArray();
            columns[j] = marginal.WithOrder(order);
        }

        return new MarginalSet(marginals.Schema, columns.MoveToImmutable());
    }

    /// <summary>The centred position of each category (and missing, last index) in the marginal's current order.</summary>
    private static double[] StartingQuantification(DiscreteMarginal marginal)
    {
        var q = new double[marginal.Labels.Length + 1];
        var order = marginal.Order;
        for (var p = 0; p < order.Length; p++)
        {
            q[order[p] < 0 ? marginal.Labels.Length : order[p]] = p - ((order.Length - 1) / 2.0);
        }

        return q;
    }

    private static T[] Strided<T>(T[] values, int stride)
    {
        var result = new T[(values.Length + stride - 1) / stride];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[i * stride];
        }

        return result;
    }

    private static double[] CategoryMeans(double[] x, int[] index, int levels)
    {
        var sum = new double[levels];
        var count = new int[levels];
        for (var i = 0; i < x.Length; i++)
        {
            sum[index[i]] += x[i];
            count[index[i]]++;
        }

        for (var k = 0; k < levels; k++)
        {
            sum[k] = count[k] == 0 ? 0 : sum[k] / count[k];
        }

        return sum;
    }

    private static double[] Standardised(double[] z)
    {
        var copy = (double[])z.Clone();
        Standardise(copy);
        return copy;
    }

    /// <summary>Centres and scales <paramref name="v"/> to unit variance; false when it has no spread.</summary>
    private static bool Standardise(double[] v)
    {
        var mean = TensorPrimitives.Sum<double>(v) / v.Length;
        TensorPrimitives.Subtract(v, mean, v);
        var sd = Math.Sqrt(TensorPrimitives.SumOfSquares<double>(v) / v.Length);
        if (!(sd > 1e-12))
        {
            return false;
        }

        TensorPrimitives.Divide(v, sd, v);
        return true;
    }
}
