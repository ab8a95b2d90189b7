using System.Collections.Immutable;
using Doppel.Data;
using MathNet.Numerics.Distributions;

namespace Doppel.Synthesis;

/// <summary>
/// Fits a synthesizer from an <see cref="ITableSource"/> without holding the table: <c>independent</c> and
/// <c>gaussian-copula</c> learn in streaming passes with memory that does not grow with the row count (quantile
/// sketches and label counts for the marginals, then the co-moments of the normal scores for the copula); every other
/// synthesizer is fitted on a uniform random sample of at most <see cref="StreamingFitOptions.SampleRows"/> rows drawn
/// in one pass (reservoir sampling, algorithm R). A source of at most <see cref="StreamingFitOptions.WholeTableRows"/>
/// rows is fitted whole, so small tables give exactly the model <see cref="ISynthesizer.Fit"/> gives.
/// </summary>
internal static class StreamingFit
{
    /// <summary>Fits <paramref name="synthesizer"/> to the rows of <paramref name="source"/>.</summary>
    /// <param name="synthesizer">The untrained synthesizer.</param>
    /// <param name="source">The training rows; read once or twice from the start.</param>
    /// <param name="options">The run settings (seed, parallelism).</param>
    /// <param name="streaming">Batch size and the reservoir size; null for the defaults.</param>
    /// <param name="progress">Receives one report per pass.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="DataFormatException">The source has no rows or cannot be read.</exception>
    /// <exception cref="SchemaException">A numeric value is not finite.</exception>
    public static ISynthesizerModel Fit(
        ISynthesizer synthesizer,
        ITableSource source,
        FitOptions options,
        StreamingFitOptions? streaming = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        streaming ??= new StreamingFitOptions();
        streaming.Validate();
        if (synthesizer is not (IndependentSynthesizer or GaussianCopulaSynthesizer))
        {
            var sample = Reservoir.Sample(source, streaming.SampleRows, streaming.BatchRows, new Rng(options.Seed).Fork("reservoir"), cancellationToken);
            return synthesizer.Fit(sample, options, progress, cancellationToken);
        }

        // A table of at most WholeTableRows rows is fitted whole, exactly as Fit would; a longer one streams.
        var copula = synthesizer as GaussianCopulaSynthesizer;
        var ordering = copula?.Options.CategoryOrder == CategoryOrder.Association
            ? new Reservoir(CategoryOrdering.MaxRows, new Rng(options.Seed).Fork("stream/ordering"))
            : null;
        var (whole, marginals) = FirstPass(synthesizer, source, options, streaming, ordering, progress, cancellationToken);
        if (whole is not null)
        {
            return synthesizer.Fit(whole, options, progress, cancellationToken);
        }

        if (synthesizer is IndependentSynthesizer independent)
        {
            return new IndependentModel(independent.Options, marginals!, options.Seed);
        }

        var jitter = copula!.Options.TieScores == TieScores.Uniform;
        if (ordering is not null)
        {
            marginals = Order(marginals!, ordering.Result(), jitter, new Rng(options.Seed).Fork("stream/ordering-scores"));
        }

        var correlation = GaussianCopulaSynthesizer.Repair(ScoreCorrelation(source, marginals!, jitter, options, streaming, cancellationToken), copula.Options.EigenvalueFloor);
        progress?.Report(new TrainingProgress("correlation", 1, 1, ImmutableDictionary<string, double>.Empty));
        return new GaussianCopulaModel(copula.Options, marginals!, correlation, options.Seed);
    }

    /// <summary>
    /// The marginals with the categories of each discrete column ordered by association (see
    /// <see cref="CategoryOrdering"/>), learned from a uniform sample of the rows.
    /// </summary>
    private static MarginalSet Order(MarginalSet marginals, Table sample, bool jitter, Rng rng)
    {
        var scorer = new StreamingScorer(marginals);
        var modelled = marginals.Modelled;
        var indices = new int[]?[modelled.Length];
        var scores = new double[]?[modelled.Length];
        for (var k = 0; k < modelled.Length; k++)
        {
            var j = modelled[k];
            if (marginals.Columns[j] is DiscreteMarginal discrete)
            {
                indices[k] = discrete.Indices(scorer.Conform(j, sample[j]));
                continue;
            }

            var z = new double[sample.RowCount];
            scorer.ToUniform(j, sample[j], jitter ? rng.Fork("column", j) : null, z);
            for (var i = 0; i < z.Length; i++)
            {
                z[i] = Normal.InvCDF(0, 1, Math.Clamp(z[i], GaussianCopulaSynthesizer.UniformMargin, 1 - GaussianCopulaSynthesizer.UniformMargin));
            }

            scores[k] = z;
        }

        return CategoryOrdering.Apply(marginals, indices, scores, sample.RowCount);
    }

    /// <summary>
    /// Reads the source once: returns the whole table when it has at most <see cref="StreamingFitOptions.WholeTableRows"/>
    /// rows, otherwise the marginals learned in the pass.
    /// </summary>
    private static (Table? Whole, MarginalSet? Marginals) FirstPass(
        ISynthesizer synthesizer, ITableSource source, FitOptions options, StreamingFitOptions streaming, Reservoir? ordering,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (knots, parametric) = synthesizer switch
        {
            IndependentSynthesizer i => (i.Options.Knots, false),
            GaussianCopulaSynthesizer g => (g.Options.Knots, g.Options.Marginals == MarginalFamily.Parametric),
            _ => throw new ArgumentException("no streaming fit for " + synthesizer.Name, nameof(synthesizer)),
        };
        var accumulator = new MarginalAccumulator(source.Schema, new Rng(options.Seed).Fork("stream/sketch"));
        var held = new List<Table>();
        long rows = 0;
        foreach (var batch in source.ReadBatches(streaming.BatchRows, cancellationToken))
        {
            rows += batch.RowCount;
            ordering?.Add(batch);
            if (held is not null && rows <= streaming.WholeTableRows)
            {
                held.Add(batch);
                continue;
            }

            if (held is not null)
            {
                foreach (var early in held)
                {
                    accumulator.Add(early);
                }

                held = null;
            }

            accumulator.Add(batch);
        }

        if (rows == 0)
        {
            throw new DataFormatException(source.Description, null, null, "the table has no rows; a table needs at least one row.");
        }

        if (held is not null)
        {
            return (TableConcat.Concat(held), null);
        }

        progress?.Report(new TrainingProgress("marginals", 1, 1, ImmutableDictionary<string, double>.Empty));
        return (null, accumulator.Build(knots, parametric));
    }

    /// <summary>
    /// The Pearson correlation of the normal scores of the modelled columns, from running sums of the scores and
    /// their products (population moments, as <see cref="GaussianCopulaSynthesizer.Correlation"/> computes them).
    /// </summary>
    private static double[] ScoreCorrelation(ITableSource source, MarginalSet marginals, bool jitter, FitOptions options, StreamingFitOptions streaming, CancellationToken cancellationToken)
    {
        var modelled = marginals.Modelled;
        var d = modelled.Length;
        var scorer = new StreamingScorer(marginals);
        var sums = new double[d];
        var products = new double[d * d];
        long rows = 0;
        var root = new Rng(options.Seed).Fork("stream/scores");
        var batchIndex = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = cancellationToken };
        foreach (var batch in source.ReadBatches(streaming.BatchRows, cancellationToken))
        {
            var rng = root.Fork("batch", batchIndex++);
            var n = batch.RowCount;
            var z = new double[d][];
            Parallel.For(0, d, parallel, k =>
            {
                var j = modelled[k];
                var scores = new double[n];
                scorer.ToUniform(j, batch[j], jitter ? rng.Fork("column", j) : null, scores);
                for (var i = 0; i < n; i++)
                {
                    scores[i] = Normal.InvCDF(0, 1, Math.Clamp(scores[i], GaussianCopulaSynthesizer.UniformMargin, 1 - GaussianCopulaSynthesizer.UniformMargin));
                }

                z[k] = scores;
            });
            Parallel.For(0, d, parallel, a =>
            {
                sums[a] += System.Numerics.Tensors.TensorPrimitives.Sum<double>(z[a]);
                for (var b = 0; b <= a; b++)
                {
                    products[(a * d) + b] += System.Numerics.Tensors.TensorPrimitives.Dot<double>(z[a], z[b]);
                }
            });
            rows += n;
        }

        var correlation = new double[d * d];
        var sd = new double[d];
        for (var a = 0; a < d; a++)
        {
            var mean = sums[a] / rows;
            sd[a] = Math.Sqrt(Math.Max(0, (products[(a * d) + a] / rows) - (mean * mean)));
        }

        for (var a = 0; a < d; a++)
        {
            correlation[(a * d) + a] = 1;
            for (var b = 0; b < a; b++)
            {
                var cov = (products[(a * d) + b] / rows) - (sums[a] / rows * (sums[b] / rows));
                var r = sd[a] > 1e-12 && sd[b] > 1e-12 ? Math.Clamp(cov / (sd[a] * sd[b]), -1, 1) : 0;
                correlation[(a * d) + b] = r;
                correlation[(b * d) + a] = r;
            }
        }

        return correlation;
    }
}
