namespace Doppel.Evaluation.Utility;

/// <summary>Scores of predictions against the truth, defined as scikit-learn defines them.</summary>
internal static class PredictionMetrics
{
    /// <summary>Share of equal entries.</summary>
    public static double Accuracy(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var hits = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            hits += truth[i] == predicted[i] ? 1 : 0;
        }

        return hits / (double)truth.Length;
    }

    /// <summary>Macro-averaged F1 over the classes that occur in the truth or the predictions (F1 = 0 when undefined).</summary>
    public static double MacroF1(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classes)
    {
        var tp = new long[classes];
        var fp = new long[classes];
        var fn = new long[classes];
        for (var i = 0; i < truth.Length; i++)
        {
            if (truth[i] == predicted[i])
            {
                tp[truth[i]]++;
            }
            else
            {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }

        double sum = 0;
        var used = 0;
        for (var c = 0; c < classes; c++)
        {
            if (tp[c] + fp[c] + fn[c] == 0)
            {
                continue;
            }

            used++;
            sum += 2.0 * tp[c] / ((2.0 * tp[c]) + fp[c] + fn[c]);
        }

        return used == 0 ? double.NaN : sum / used;
    }

    /// <summary>
    /// ROC AUC of scores for a binary truth (the Mann-Whitney statistic, ties counted half); NaN when one class is absent.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<bool> positive, ReadOnlySpan<float> scores)
    {
        var ranks = Fidelity.Statistics.Ranks([.. scores.ToArray().Select(s => (double)s)]);
        double rankSum = 0;
        long pos = 0;
        for (var i = 0; i < positive.Length; i++)
        {
            if (positive[i])
            {
                rankSum += ranks[i];
                pos++;
            }
        }

        var neg = positive.Length - pos;
        return pos == 0 || neg == 0 ? double.NaN : (rankSum - (pos * (pos + 1) / 2.0)) / (pos * (double)neg);
    }

    /// <summary>
    /// ROC AUC for several classes: the unweighted mean of one-against-rest AUCs over classes that occur in the
    /// truth (and are not all of it). <paramref name="probabilities"/> is row-major, <paramref name="classes"/> wide.
    /// </summary>
    public static double RocAucOneVsRest(ReadOnlySpan<int> truth, ReadOnlySpan<float> probabilities, int classes)
    {
        var positive = new bool[truth.Length];
        var scores = new float[truth.Length];
        double sum = 0;
        var used = 0;
        for (var c = 0; c < classes; c++)
        {
            for (var i = 0; i < truth.Length; i++)
            {
                positive[i] = truth[i] == c;
                scores[i] = probabilities[(i * classes) + c];
            }

            var auc = RocAuc(positive, scores);
            if (!double.IsNaN(auc))
            {
                sum += auc;
                used++;
            }
        }

        return used == 0 ? double.NaN : sum / used;
    }

    /// <summary>Coefficient of determination 1 − SS_res / SS_tot; NaN when the truth is constant.</summary>
    public static double R2(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        var mean = Fidelity.Statistics.Mean(truth);
        double res = 0, tot = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - mean) * (truth[i] - mean);
        }

        return tot <= 0 ? double.NaN : 1 - (res / tot);
    }

    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            sum += Math.Abs(truth[i] - predicted[i]);
        }

        return sum / truth.Length;
    }
}
