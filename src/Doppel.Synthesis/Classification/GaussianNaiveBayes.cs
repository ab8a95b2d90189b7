using Doppel.Data;

namespace Doppel.Synthesis.Classification;

/// <summary>
/// Gaussian naive Bayes, the comparison for <see cref="NotSoNaiveBayes"/>: per class, each numeric feature an
/// independent normal (variances smoothed by 1e-9 times the largest, as scikit-learn does) and each discrete
/// feature a categorical with add-one smoothing; prediction by Bayes' rule.
/// </summary>
internal sealed class GaussianNaiveBayes
{
    private readonly ClassifierFeatures _features;
    private readonly double[] _logPriors;
    private readonly double[][] _means;
    private readonly double[][] _variances;
    private readonly double[][][] _logLevels;

    private GaussianNaiveBayes(ClassifierFeatures features, double[] logPriors, double[][] means, double[][] variances, double[][][] logLevels)
    {
        _features = features;
        _logPriors = logPriors;
        _means = means;
        _variances = variances;
        _logLevels = logLevels;
    }

    /// <summary>Fits the classifier to predict <paramref name="target"/> from the other columns.</summary>
    /// <exception cref="SchemaException">The target is missing, has missing values, or a single class.</exception>
    public static GaussianNaiveBayes Fit(Table data, string target)
    {
        var features = ClassifierFeatures.Fit(data, target);
        var labels = features.Labels(data);
        var x = features.Encode(data);
        var k = features.Classes.Length;
        var d = x.Numeric.Length;
        var counts = new double[k];
        var means = new double[k][];
        var variances = new double[k][];
        for (var c = 0; c < k; c++)
        {
            means[c] = new double[d];
            variances[c] = new double[d];
        }

        foreach (var l in labels)
        {
            counts[l]++;
        }

        var largest = 0.0;
        for (var a = 0; a < d; a++)
        {
            var present = new double[k];
            for (var i = 0; i < x.Rows; i++)
            {
                if (!double.IsNaN(x.Numeric[a][i]))
                {
                    means[labels[i]][a] += x.Numeric[a][i];
                    present[labels[i]]++;
                }
            }

            for (var c = 0; c < k; c++)
            {
                means[c][a] /= Math.Max(1, present[c]);
            }

            for (var i = 0; i < x.Rows; i++)
            {
                var v = x.Numeric[a][i] - means[labels[i]][a];
                if (!double.IsNaN(v))
                {
                    variances[labels[i]][a] += v * v;
                }
            }

            for (var c = 0; c < k; c++)
            {
                variances[c][a] /= Math.Max(1, present[c]);
            }

            largest = Math.Max(largest, 1); // Standardised columns: the largest overall variance is 1.
        }

        var epsilon = 1e-9 * largest;
        foreach (var v in variances)
        {
            for (var a = 0; a < d; a++)
            {
                v[a] += epsilon;
            }
        }

        var levels = features.Layout.Levels;
        var logLevels = new double[k][][];
        for (var c = 0; c < k; c++)
        {
            logLevels[c] = new double[levels.Length][];
            for (var j = 0; j < levels.Length; j++)
            {
                var table = new double[levels[j]];
                Array.Fill(table, 1.0);
                for (var i = 0; i < x.Rows; i++)
                {
                    if (labels[i] == c)
                    {
                        table[x.Discrete[j][i]]++;
                    }
                }

                logLevels[c][j] = [.. table.Select(t => Math.Log(t / (counts[c] + levels[j])))];
            }
        }

        return new GaussianNaiveBayes(features, [.. counts.Select(n => Math.Log(n / labels.Length))], means, variances, logLevels);
    }

    /// <summary>The class labels.</summary>
    public IReadOnlyList<string> Classes => _features.Classes;

    /// <summary>The predicted label of each row.</summary>
    public string[] Predict(Table data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var x = _features.Encode(data);
        var result = new string[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            var best = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < _logPriors.Length; c++)
            {
                var score = _logPriors[c];
                for (var a = 0; a < x.Numeric.Length; a++)
                {
                    var v = x.Numeric[a][i];
                    if (!double.IsNaN(v))
                    {
                        var z = v - _means[c][a];
                        score -= 0.5 * (Math.Log(2 * Math.PI * _variances[c][a]) + (z * z / _variances[c][a]));
                    }
                }

                for (var j = 0; j < x.Discrete.Length; j++)
                {
                    score += _logLevels[c][j][x.Discrete[j][i]];
                }

                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }

            result[i] = _features.Classes[best];
        }

        return result;
    }

    /// <summary>The share of rows whose target is predicted correctly.</summary>
    public double Accuracy(Table data) => ClassifierScoring.Accuracy(Predict(data), data, _features.Target);
}
