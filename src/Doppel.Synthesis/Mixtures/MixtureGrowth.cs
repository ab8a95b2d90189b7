using Doppel.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Doppel.Synthesis.Mixtures;

/// <summary>
/// Builds the (k + 1)-component start from a fitted k-component mixture (greedy mixture learning, after Verbeek,
/// Vlassis and Kröse 2003). Even-numbered candidates add a component at a row drawn by k-means++ D² sampling
/// (squared distance to the nearest existing component); odd-numbered ones split a component, drawn by weight,
/// along its principal axis. Each k then starts from the previous solution, so structure once found is kept and
/// the criterion curve grows smoothly with k instead of jumping with each random start.
/// </summary>
internal static class MixtureGrowth
{
    public static MixtureParameters Grow(MixtureData data, MixtureParameters p, int candidate, double covarianceFloor, Rng rng)
    {
        var k = p.K;
        var next = new MixtureParameters(k + 1, p.D, p.Levels, p.Type);
        var dd = p.D * p.D;
        Array.Copy(p.Means, next.Means, k * p.D);
        Array.Copy(p.Covariances, next.Covariances, k * dd);
        Array.Copy(p.CategoryProbabilities, next.CategoryProbabilities, k * p.TotalLevels);
        Array.Copy(p.Weights, next.Weights, k);
        // Candidate 0 inserts by D² sampling, 1 splits the widest component, 2 adds the largest uncovered spike,
        // 3 splits a component drawn by weight; further candidates alternate insertions and smaller spikes.
        switch (candidate)
        {
            case 1:
                Split(p, next, Widest(p));
                return next;
            case 3:
                Split(p, next, Draw(p.Weights, rng.NextDouble() * p.Weights.Sum()));
                return next;
            case 2 or > 3 when candidate % 2 == 0 && Spike(data, p, next, candidate == 2 ? 0 : (candidate / 2) - 1, covarianceFloor):
                return next;
            default:
                Insert(data, p, next, rng);
                return next;
        }
    }

    /// <summary>
    /// Adds a component collapsed onto the <paramref name="rank"/>-th most frequent whole value of an integer column
    /// that components collapsed onto it do not yet cover half of (such spikes, like "40 hours a week", are where the likelihood
    /// gains most and where random starts disagree most). Returns false when there is no such value.
    /// </summary>
    private static bool Spike(MixtureData data, MixtureParameters p, MixtureParameters next, int rank, double covarianceFloor)
    {
        var k = p.K;
        var d = p.D;
        var dd = d * d;
        var open = data.Spikes.Where(s => Enumerable.Range(0, k).Where(c =>
        {
            var floor = data.VarianceFloors[s.Slot];
            var spacing = Math.Sqrt(12 * floor);
            return Math.Abs(p.Means[(c * d) + s.Slot] - s.Value) < 0.5 * spacing && p.Covariances[(c * dd) + (s.Slot * d) + s.Slot] < 10 * (floor > 0 ? floor : covarianceFloor);
        }).Sum(c => p.Weights[c]) < 0.5 * s.Share).Skip(rank).FirstOrDefault();
        if (open is null)
        {
            return false;
        }

        var a = open.Slot;
        var parent = 0;
        var bestDensity = double.NegativeInfinity;
        for (var c = 0; c < k; c++)
        {
            var variance = p.Covariances[(c * dd) + (a * d) + a];
            var z = open.Value - p.Means[(c * d) + a];
            var density = Math.Log(p.Weights[c]) - (0.5 * Math.Log(variance)) - (0.5 * z * z / variance);
            if (density > bestDensity)
            {
                bestDensity = density;
                parent = c;
            }
        }

        var weight = Math.Min(0.5, open.Share);
        for (var c = 0; c < k; c++)
        {
            next.Weights[c] = p.Weights[c] * (1 - weight);
        }

        next.Weights[k] = weight;
        Array.Copy(p.Means, parent * d, next.Means, k * d, d);
        Array.Copy(p.Covariances, parent * dd, next.Covariances, k * dd, dd);
        Array.Copy(p.CategoryProbabilities, parent * p.TotalLevels, next.CategoryProbabilities, k * p.TotalLevels, p.TotalLevels);
        next.Means[(k * d) + a] = open.Value;
        for (var b = 0; b < d; b++)
        {
            next.Covariances[(k * dd) + (a * d) + b] = 0;
            next.Covariances[(k * dd) + (b * d) + a] = 0;
        }

        next.Covariances[(k * dd) + (a * d) + a] = 2 * data.VarianceFloors[a];
        return true;
    }

    private static void Insert(MixtureData data, MixtureParameters p, MixtureParameters next, Rng rng)
    {
        var k = p.K;
        var n = data.Rows;
        var nearestDistance = new double[n];
        var nearest = new int[n];
        for (var i = 0; i < n; i++)
        {
            var best = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                var dist = Distance(data, p, i, c);
                if (dist < best)
                {
                    best = dist;
                    nearest[i] = c;
                }
            }

            nearestDistance[i] = best;
        }

        var total = nearestDistance.Sum();
        var row = total > 0 ? Draw(nearestDistance, rng.NextDouble() * total) : rng.Next(n);
        var parent = nearest[row];
        var weight = 1.0 / (k + 1);
        for (var c = 0; c < k; c++)
        {
            next.Weights[c] = p.Weights[c] * (1 - weight);
        }

        next.Weights[k] = weight;
        for (var a = 0; a < p.D; a++)
        {
            var v = data.Numeric[a][row];
            next.Means[(k * p.D) + a] = double.IsNaN(v) ? p.Means[(parent * p.D) + a] : v;
        }

        // The new component starts with half its parent's covariance, centred on the drawn row.
        var dd = p.D * p.D;
        for (var e = 0; e < dd; e++)
        {
            next.Covariances[(k * dd) + e] = 0.5 * p.Covariances[(parent * dd) + e];
        }

        for (var j = 0; j < p.Levels.Length; j++)
        {
            var start = p.LevelOffsets[j];
            for (var l = 0; l < p.Levels[j]; l++)
            {
                var own = data.Discrete[j][row] == l ? 1.0 : 0.0;
                next.CategoryProbabilities[(k * p.TotalLevels) + start + l] = (0.5 * own) + (0.5 * p.CategoryProbabilities[(parent * p.TotalLevels) + start + l]);
            }
        }
    }

    /// <summary>The component with the largest covariance determinant (the most spread out).</summary>
    private static int Widest(MixtureParameters p)
    {
        if (p.D == 0)
        {
            return Array.IndexOf(p.Weights, p.Weights.Max());
        }

        var widest = 0;
        var largest = double.NegativeInfinity;
        for (var c = 0; c < p.K; c++)
        {
            var logDet = Linear.Cholesky(p.Covariance(c)).Diagonal().Sum(Math.Log);
            if (logDet > largest)
            {
                largest = logDet;
                widest = c;
            }
        }

        return widest;
    }

    private static void Split(MixtureParameters p, MixtureParameters next, int parent)
    {
        var k = p.K;
        next.Weights[parent] = p.Weights[parent] / 2;
        next.Weights[k] = p.Weights[parent] / 2;
        var dd = p.D * p.D;
        Array.Copy(p.Covariances, parent * dd, next.Covariances, k * dd, dd);
        Array.Copy(p.CategoryProbabilities, parent * p.TotalLevels, next.CategoryProbabilities, k * p.TotalLevels, p.TotalLevels);
        if (p.D > 0)
        {
            var evd = p.Covariance(parent).Evd(Symmetricity.Symmetric);
            var top = evd.EigenValues.Count - 1; // MathNet orders symmetric eigenvalues ascending.
            var scale = 0.5 * Math.Sqrt(Math.Max(evd.EigenValues[top].Real, 0));
            for (var a = 0; a < p.D; a++)
            {
                var shift = scale * evd.EigenVectors[a, top];
                next.Means[(parent * p.D) + a] = p.Means[(parent * p.D) + a] + shift;
                next.Means[(k * p.D) + a] = p.Means[(parent * p.D) + a] - shift;
            }
        }

        // Discrete slots: move the two halves' level probabilities apart at random, so EM can separate them.
        for (var j = 0; j < p.Levels.Length; j++)
        {
            var start = p.LevelOffsets[j];
            double sumA = 0, sumB = 0;
            for (var l = 0; l < p.Levels[j]; l++)
            {
                var baseP = p.CategoryProbabilities[(parent * p.TotalLevels) + start + l];
                var u = l % 2 == 0 ? 0.25 : -0.25;
                next.CategoryProbabilities[(parent * p.TotalLevels) + start + l] = baseP * (1 + u);
                next.CategoryProbabilities[(k * p.TotalLevels) + start + l] = baseP * (1 - u);
                sumA += baseP * (1 + u);
                sumB += baseP * (1 - u);
            }

            for (var l = 0; l < p.Levels[j]; l++)
            {
                next.CategoryProbabilities[(parent * p.TotalLevels) + start + l] /= sumA;
                next.CategoryProbabilities[(k * p.TotalLevels) + start + l] /= sumB;
            }
        }
    }

    /// <summary>Squared standardised distance from row <paramref name="i"/> to component <paramref name="c"/>'s mean, plus 1 - P(level) per discrete slot.</summary>
    private static double Distance(MixtureData data, MixtureParameters p, int i, int c)
    {
        double s = 0;
        for (var a = 0; a < p.D; a++)
        {
            var diff = data.Numeric[a][i] - p.Means[(c * p.D) + a];
            if (!double.IsNaN(diff))
            {
                s += diff * diff;
            }
        }

        for (var j = 0; j < p.Levels.Length; j++)
        {
            s += 1 - p.CategoryProbabilities[(c * p.TotalLevels) + p.LevelOffsets[j] + data.Discrete[j][i]];
        }

        return s;
    }

    private static int Draw(double[] weights, double target)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
