using Doppel.Data;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.KernelDensity;

/// <summary>
/// Leave-one-out log-likelihood of a product kernel (Gaussian on numeric slots, Aitchison-Aitken on discrete
/// slots) for a subsample of validation rows against every training row. Pairwise squared distances and
/// mismatch counts are computed once, so each candidate bandwidth costs one pass of exponentials.
/// </summary>
internal sealed class KdeCrossValidation
{
    private readonly int _rows;
    private readonly int _numeric;
    private readonly int _discrete;
    private readonly float[][] _squaredDistance;
    private readonly byte[][] _mismatches;
    private readonly float[][] _logOtherLevels;
    private readonly int _maxDegreeOfParallelism;

    public KdeCrossValidation(EncodedTable data, int[] levels, int validationRows, Rng rng, int maxDegreeOfParallelism)
    {
        _rows = data.Rows;
        _numeric = data.Numeric.Length;
        _discrete = data.Discrete.Length;
        _maxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism);
        var keys = Enumerable.Range(0, _rows).Select(_ => rng.NextUInt64()).ToArray();
        var picks = Enumerable.Range(0, _rows).OrderBy(i => keys[i]).Take(validationRows).ToArray();
        _squaredDistance = new float[picks.Length][];
        _mismatches = new byte[picks.Length][];
        _logOtherLevels = new float[picks.Length][];
        var logLevels = levels.Select(l => (float)Math.Log(Math.Max(1, l - 1))).ToArray();
        Parallel.For(0, picks.Length, new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism }, v =>
        {
            var q = picks[v];
            var dist = new float[_rows];
            var mismatch = new byte[_rows];
            var logOther = new float[_rows];
            for (var i = 0; i < _rows; i++)
            {
                double s = 0;
                for (var a = 0; a < _numeric; a++)
                {
                    var diff = data.Numeric[a][i] - data.Numeric[a][q];
                    s += double.IsNaN(diff) ? 0 : diff * diff;
                }

                var m = 0;
                float lo = 0;
                for (var j = 0; j < _discrete; j++)
                {
                    if (data.Discrete[j][i] != data.Discrete[j][q])
                    {
                        m++;
                        lo += logLevels[j];
                    }
                }

                dist[i] = (float)s;
                mismatch[i] = (byte)Math.Min(m, 255);
                logOther[i] = lo;
            }

            dist[q] = float.NaN; // Leave the row itself out.
            _squaredDistance[v] = dist;
            _mismatches[v] = mismatch;
            _logOtherLevels[v] = logOther;
        });
    }

    /// <summary>The summed leave-one-out log-likelihood of the validation rows for bandwidths (h, λ).</summary>
    public double LogLikelihood(double h, double lambda)
    {
        var inverse = -0.5 / (h * h);
        var logKeep = Math.Log(1 - lambda);
        var logChange = Math.Log(Math.Max(lambda, 1e-300));
        var constant = (-_numeric * (Math.Log(h) + (0.5 * Math.Log(2 * Math.PI)))) - Math.Log(_rows - 1);
        var results = new double[_squaredDistance.Length];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism }, v =>
        {
            var dist = _squaredDistance[v];
            var mismatch = _mismatches[v];
            var logOther = _logOtherLevels[v];
            var terms = new double[_rows];
            var max = double.NegativeInfinity;
            for (var i = 0; i < _rows; i++)
            {
                var t = float.IsNaN(dist[i])
                    ? double.NegativeInfinity
                    : (inverse * dist[i]) + ((_discrete - mismatch[i]) * logKeep) + (mismatch[i] * logChange) - logOther[i];
                terms[i] = t;
                max = Math.Max(max, t);
            }

            double sum = 0;
            for (var i = 0; i < _rows; i++)
            {
                sum += Math.Exp(terms[i] - max);
            }

            results[v] = max + Math.Log(sum) + constant;
        });

        double total = 0;
        foreach (var r in results)
        {
            total += r;
        }

        return total;
    }
}
