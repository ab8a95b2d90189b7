using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis.Mixtures;

namespace Doppel.Synthesis.Classification;

/// <summary>Hyperparameters of <see cref="NotSoNaiveBayes"/>.</summary>
internal sealed record NotSoNaiveBayesOptions
{
    /// <summary>Candidate bandwidths, log-spaced from 0.05 to 5 times the median nearest-neighbour distance (default 48, at least 2).</summary>
    public int GridSize { get; init; } = 48;

    /// <summary>Training rows used as leave-one-out validation rows when choosing the bandwidth (default 2,000, at least 10).</summary>
    public int ValidationRows { get; init; } = 2000;

    /// <summary>
    /// Whether class-shaped kernels (<see cref="NotSoNaiveBayes.Shrinkage"/>) are candidates beside the round ones
    /// (default true); the leave-one-out accuracy chooses.
    /// </summary>
    public bool ShapedKernels { get; init; } = true;

    /// <summary>Class-shaped kernels: the share of the feature variance the kept principal components explain (default 0.95, in (0, 1]).</summary>
    public double PrincipalShare { get; init; } = 0.95;

    /// <summary>Checks every field; throws one exception listing all problems.</summary>
    /// <exception cref="InvalidOptionsException">Some field is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (GridSize < 2)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"grid_size is {GridSize}; it must be at least 2"));
        }

        if (ValidationRows < 10)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"validation_rows is {ValidationRows}; it must be at least 10"));
        }

        if (!(PrincipalShare > 0 && PrincipalShare <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"principal_share is {PrincipalShare}; it must be above 0 and at most 1"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("classifier options", problems);
        }
    }
}

/// <summary>
/// A "not-so-naive" Bayes classifier: one kernel density per class, class priors from the training shares,
/// prediction by Bayes' rule. Two kernel families compete: round Gaussian kernels with one bandwidth over all
/// features (each differing discrete value adding 1 to the squared distance), and class-shaped kernels
/// (<see cref="ShapedKernels"/>: in the leading principal components, class c's kernel has covariance h²·S_c,
/// its own covariance shrunk by α toward its average variance). The family, the feature scale (standardised
/// columns, or the columns' own units), α and the bandwidth are chosen together by leave-one-out accuracy on the
/// training rows; the test rows play no part.
/// </summary>
internal sealed class NotSoNaiveBayes
{
    private readonly ClassifierFeatures _features;
    private readonly float[][] _train;
    private readonly int[] _labels;
    private readonly double[] _logPriors;
    private readonly int[] _classCounts;
    private readonly ShapedKernels? _shaped;

    private NotSoNaiveBayes(ClassifierFeatures features, float[][] train, int[] labels, double bandwidth, bool standardised, ShapedKernels? shaped = null)
    {
        _shaped = shaped;
        _features = features;
        _train = train;
        _labels = labels;
        Bandwidth = bandwidth;
        Standardised = standardised;
        _classCounts = new int[features.Classes.Length];
        foreach (var l in labels)
        {
            _classCounts[l]++;
        }

        _logPriors = [.. _classCounts.Select(c => Math.Log((double)c / labels.Length))];
    }

    /// <summary>The chosen kernel bandwidth: round kernels, the standard deviation in the chosen feature scale; class-shaped kernels, the factor h of h²·S_c.</summary>
    public double Bandwidth { get; }

    /// <summary>Whether features are standardised (true) or kept in their own units (false).</summary>
    public bool Standardised { get; }

    /// <summary>Class-shaped kernels: α, the shrinkage of each class covariance toward its average variance; null for round kernels.</summary>
    public double? Shrinkage => _shaped?.Shrinkage;

    /// <summary>Class-shaped kernels: the principal components kept; 0 for round kernels.</summary>
    public int Components => _shaped?.Components ?? 0;

    /// <summary>The class labels.</summary>
    public IReadOnlyList<string> Classes => _features.Classes;

    /// <summary>Fits the classifier to predict <paramref name="target"/> from the other columns of <paramref name="data"/>.</summary>
    /// <exception cref="SchemaException">The target is missing, has missing values, or a single class.</exception>
    public static NotSoNaiveBayes Fit(Table data, string target, NotSoNaiveBayesOptions? options = null, ulong seed = 0, int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        options ??= new NotSoNaiveBayesOptions();
        options.Validate();
        var features = ClassifierFeatures.Fit(data, target);
        var labels = features.Labels(data);
        var encoded = features.Encode(data);
        var threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var keys = Enumerable.Range(0, data.RowCount).Select(_ => 0UL).ToArray();
        var rng = new Rng(seed).Fork("classify/validation");
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = rng.NextUInt64();
        }

        var validation = Enumerable.Range(0, data.RowCount).OrderBy(i => keys[i]).Take(Math.Min(options.ValidationRows, data.RowCount)).ToArray();
        NotSoNaiveBayes? best = null;
        var bestAccuracy = -1.0;
        foreach (var standardised in new[] { true, false })
        {
            var train = Scaled(encoded, features.Layout, standardised);
            var distances = KernelScores.SquaredDistances(train, validation.Select(i => Row(train, i)).ToArray(), threads);
            foreach (var v in Enumerable.Range(0, validation.Length))
            {
                distances[v][validation[v]] = float.NaN; // Leave one out.
            }

            var reference = Math.Sqrt(Median(distances.Select(row => row.Where(x => !float.IsNaN(x) && x > 0).DefaultIfEmpty(1).Min())));
            reference = reference > 0 ? reference : 1;
            for (var g = 0; g < options.GridSize; g++)
            {
                var h = reference * 0.05 * Math.Pow(100, g / (options.GridSize - 1.0));
                var candidate = new NotSoNaiveBayes(features, train, labels, h, standardised);
                var correct = 0;
                for (var v = 0; v < validation.Length; v++)
                {
                    correct += candidate.PredictIndex(distances[v], validation[v]) == labels[validation[v]] ? 1 : 0;
                }

                var accuracy = (double)correct / validation.Length;
                if (accuracy >= bestAccuracy)
                {
                    bestAccuracy = accuracy;
                    best = candidate;
                }
            }
        }

        if (options.ShapedKernels)
        {
            foreach (var standardised in new[] { true, false })
            {
                var train = Scaled(encoded, features.Layout, standardised);
                foreach (var shrinkage in ShrinkageGrid)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var kernels = ShapedKernels.Fit(train, labels, features.Classes.Length, shrinkage, options.PrincipalShare);
                    var correct = ShapedCorrect(kernels, train, labels, validation, best!._logPriors, threads);
                    for (var g = 0; g < ShapedBandwidths.Length; g++)
                    {
                        var accuracy = (double)correct[g] / validation.Length;
                        if (accuracy > bestAccuracy)
                        {
                            bestAccuracy = accuracy;
                            best = new NotSoNaiveBayes(features, train, labels, ShapedBandwidths[g], standardised, kernels);
                        }
                    }
                }
            }
        }

        return best!;
    }

    /// <summary>Candidate α of the class-shaped kernels.</summary>
    private static readonly double[] ShrinkageGrid = [0.05, 0.1, 0.3, 0.6, 1.0];

    /// <summary>Candidate bandwidths of the class-shaped kernels (in units of the shaped covariance), log-spaced from 0.2 to 4.</summary>
    private static readonly double[] ShapedBandwidths = [.. Enumerable.Range(0, 16).Select(g => 0.2 * Math.Pow(20, g / 15.0))];

    /// <summary>For each shaped bandwidth, how many validation rows are predicted correctly with themselves left out.</summary>
    private static int[] ShapedCorrect(ShapedKernels kernels, float[][] train, int[] labels, int[] validation, double[] logPriors, int threads)
    {
        var hits = new bool[validation.Length][];
        Parallel.For(0, validation.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, v =>
        {
            var row = validation[v];
            var distances = kernels.SquaredDistances(Row(train, row));
            var own = labels[row];
            distances[own][Array.BinarySearch(kernels.Rows[own], row)] = float.NaN; // Leave one out.
            hits[v] = [.. ShapedBandwidths.Select(h => ArgMax(kernels.LogDensities(distances, h), logPriors) == own)];
        });

        return [.. Enumerable.Range(0, ShapedBandwidths.Length).Select(g => hits.Count(h => h[g]))];
    }

    private static int ArgMax(double[] scores, double[] logPriors)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] + logPriors[c] > scores[best] + logPriors[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The predicted label of each row of <paramref name="data"/> (its target column, if any, is ignored).</summary>
    public string[] Predict(Table data, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(data);
        var encoded = _features.Encode(data);
        var rows = Scaled(encoded, _features.Layout, Standardised);
        var queries = Enumerable.Range(0, data.RowCount).Select(i => Row(rows, i)).ToArray();
        if (_shaped is { } shaped)
        {
            var predicted = new string[queries.Length];
            Parallel.For(0, queries.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount }, q =>
                predicted[q] = _features.Classes[ArgMax(shaped.LogDensities(shaped.SquaredDistances(queries[q]), Bandwidth), _logPriors)]);
            return predicted;
        }

        var distances = KernelScores.SquaredDistances(_train, queries, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
        return [.. distances.Select(d => _features.Classes[PredictIndex(d, -1)])];
    }

    /// <summary>The share of rows of <paramref name="data"/> whose target is predicted correctly.</summary>
    public double Accuracy(Table data) => ClassifierScoring.Accuracy(Predict(data), data, _features.Target);

    private int PredictIndex(float[] squaredDistances, int self)
    {
        var scores = KernelScores.ClassLogDensities(squaredDistances, _labels, _classCounts, Bandwidth, self);
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] + _logPriors[c] > scores[best] + _logPriors[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Features as float columns: standardised, or multiplied back by each column's scale; missing values at the centre.</summary>
    private static float[][] Scaled(EncodedTable encoded, ColumnLayout layout, bool standardised)
    {
        var meanVariance = layout.NumericCount == 0 ? 1 : layout.NumericColumns.Average(c => c.Scale * c.Scale);
        var columns = new List<float[]>();
        for (var a = 0; a < encoded.Numeric.Length; a++)
        {
            var scale = standardised ? 1 : layout.NumericColumns[a].Scale;
            columns.Add([.. encoded.Numeric[a].Select(v => double.IsNaN(v) ? 0f : (float)(v * scale))]);
        }

        // A differing discrete value adds 1 (standardised) or the mean numeric variance (own units) to the squared distance:
        // one-hot codes scaled by √(penalty / 2).
        var penalty = Math.Sqrt((standardised ? 1 : meanVariance) / 2);
        for (var j = 0; j < encoded.Discrete.Length; j++)
        {
            for (var l = 0; l < layout.Levels[j]; l++)
            {
                var level = l;
                columns.Add([.. encoded.Discrete[j].Select(c => c == level ? (float)penalty : 0f)]);
            }
        }

        return [.. columns];
    }

    private static float[] Row(float[][] columns, int i) => [.. columns.Select(c => c[i])];

    private static double Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 1 : sorted[sorted.Length / 2];
    }
}
