using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Doppel.Evaluation.Utility;

/// <summary>What a gradient-boosted model is asked to predict.</summary>
internal enum BoostingTask
{
    /// <summary>Two classes; the label is class 1.</summary>
    Binary,

    /// <summary>Several classes.</summary>
    Multiclass,

    /// <summary>A number.</summary>
    Regression,
}

/// <summary>
/// Trains LightGBM (through ML.NET) on dense float rows and predicts. Deterministic for a given seed: one
/// thread, LightGBM's deterministic mode, a fixed seed.
/// </summary>
internal sealed class GradientBoosting
{
    /// <summary>
    /// The fewest training rows a model can split: LightGBM puts at least 20 rows in every leaf (its default
    /// min_data_in_leaf), so with fewer than 40 no tree has a split and the model is the training prior alone.
    /// </summary>
    public const int MinimumTrainingRows = 40;

    private readonly int _seed;
    private readonly int _iterations;

    public GradientBoosting(int seed, int iterations)
    {
        _seed = seed;
        _iterations = iterations;
    }

    /// <summary>
    /// Trains on <paramref name="train"/> (row-major, <paramref name="width"/> wide) with labels
    /// <paramref name="labels"/> (class indices, or values for regression) and returns, for each row of
    /// <paramref name="test"/>, the scores: for binary one probability of class 1, for multiclass
    /// <paramref name="classes"/> probabilities, for regression one prediction.
    /// </summary>
    /// <remarks>
    /// When no tree finds a split (too few rows, or features that carry nothing about the label), LightGBM's model is
    /// its starting score, but ML.NET fails while converting such trees (dotnet/machinelearning#5022). The prediction is
    /// then that starting score, computed here: the training rate of class 1, the class frequencies, or the mean.
    /// </remarks>
    public float[] FitPredict(BoostingTask task, float[] train, double[] labels, float[] test, int width, int classes)
    {
        try
        {
            return Fit(task, train, labels, test, width, classes);
        }
        catch (ArgumentNullException e) when (e.ParamName == "items")
        {
            return Prior(task, labels, test.Length / Math.Max(width, 1), classes);
        }
    }

    private static float[] Prior(BoostingTask task, double[] labels, int rows, int classes)
    {
        if (task == BoostingTask.Multiclass)
        {
            var frequencies = new float[classes];
            foreach (var label in labels)
            {
                frequencies[(int)label] += 1f / labels.Length;
            }

            var result = new float[rows * classes];
            for (var i = 0; i < rows; i++)
            {
                frequencies.CopyTo(result, i * classes);
            }

            return result;
        }

        var constant = task == BoostingTask.Binary ? labels.Count(l => l >= 0.5) / (double)labels.Length : labels.Average();
        return Enumerable.Repeat((float)constant, rows).ToArray();
    }

    private float[] Fit(BoostingTask task, float[] train, double[] labels, float[] test, int width, int classes)
    {
        var context = new MLContext(_seed);
        var trainView = Load(context, train, labels, width, classes);
        var testView = Load(context, test, new double[test.Length / Math.Max(width, 1)], width, classes);
        switch (task)
        {
            case BoostingTask.Binary:
            {
                var trainer = context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options { FeatureColumnName = nameof(Example.Features), NumberOfIterations = _iterations, Seed = _seed, NumberOfThreads = 1, Deterministic = true, Silent = true, Verbose = false, LabelColumnName = nameof(Example.Binary) });
                var predictions = trainer.Fit(trainView).Transform(testView);
                return [.. predictions.GetColumn<float>("Probability")];
            }

            case BoostingTask.Multiclass:
            {
                var trainer = context.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { FeatureColumnName = nameof(Example.Features), NumberOfIterations = _iterations, Seed = _seed, NumberOfThreads = 1, Deterministic = true, Silent = true, Verbose = false, LabelColumnName = nameof(Example.Class) });
                var predictions = trainer.Fit(trainView).Transform(testView);
                var result = new float[testView.GetRowCount()!.Value * classes];
                var i = 0;
                foreach (var row in predictions.GetColumn<float[]>("Score"))
                {
                    row.CopyTo(result, i * classes);
                    i++;
                }

                return result;
            }

            default:
            {
                var trainer = context.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options { FeatureColumnName = nameof(Example.Features), NumberOfIterations = _iterations, Seed = _seed, NumberOfThreads = 1, Deterministic = true, Silent = true, Verbose = false, LabelColumnName = nameof(Example.Value) });
                var predictions = trainer.Fit(trainView).Transform(testView);
                return [.. predictions.GetColumn<float>("Score")];
            }
        }
    }

    private static IDataView Load(MLContext context, float[] features, double[] labels, int width, int classes)
    {
        var rows = labels.Length;
        var examples = new Example[rows];
        for (var i = 0; i < rows; i++)
        {
            examples[i] = new Example
            {
                Features = features.AsSpan(i * width, width).ToArray(),
                Binary = labels[i] >= 0.5,
                // LightGBM's multiclass trainer reads the stored key value as the class index (0-based), as checked by the tests.
                Class = (uint)Math.Max(0, labels[i]),
                Value = (float)labels[i],
            };
        }

        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        schema[nameof(Example.Class)].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(classes, 1));
        return context.Data.LoadFromEnumerable(examples, schema);
    }

    /// <summary>One training or test row as ML.NET reads it.</summary>
    private sealed class Example
    {
        public float[] Features { get; set; } = [];

        public bool Binary { get; set; }

        public uint Class { get; set; }

        public float Value { get; set; }
    }
}
