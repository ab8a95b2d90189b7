using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Doppel.Benchmarks.Synthesis;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Evaluation.Report;
using Doppel.Evaluation.Utility;
using Doppel.Synthesis;

namespace Doppel.Benchmarks.Evaluation;

/// <summary>
/// The evaluation of the Gaussian copula on Adult as docs/BENCHMARKS.md reports it: 80/20 split (seed 0, stratified by
/// income), the copula fitted on the 26,049 training rows, as many rows sampled, evaluated against the 6,512 holdout
/// rows with target income. Each part on its own, then everything with the HTML report. The baseline is the fidelity
/// part alone (column and pair metrics), which every other method includes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EvaluationBenchmarks
{
    private Table _train = null!;
    private Table _holdout = null!;
    private Table _synthetic = null!;
    private readonly EvaluationOptions _nothing = new() { MlEfficacy = false, Detection = false, Privacy = false };

    [GlobalSetup]
    public void Setup()
    {
        var adult = CsvTableReader.Read(ClassicalSynthesizerBenchmarks.DataFile("adult.csv"));
        (_train, _holdout) = TableSplit.Split(adult, 0.2, "income", 0);
        _synthetic = new GaussianCopulaSynthesizer().Fit(_train, new FitOptions { Seed = 0 }).Sample(_train.RowCount, new SampleOptions { Seed = 0 });
    }

    [Benchmark(Baseline = true)]
    public QualityReport Fidelity() => QualityEvaluator.Evaluate(_train, _synthetic, _nothing with { Holdout = _holdout });

    [Benchmark]
    public QualityReport FidelityAndMlEfficacy() => QualityEvaluator.Evaluate(_train, _synthetic, _nothing with { Holdout = _holdout, Target = "income", MlEfficacy = true });

    [Benchmark]
    public QualityReport FidelityAndDetection() => QualityEvaluator.Evaluate(_train, _synthetic, _nothing with { Holdout = _holdout, Detection = true });

    [Benchmark]
    public QualityReport FidelityAndPrivacy() => QualityEvaluator.Evaluate(_train, _synthetic, _nothing with { Holdout = _holdout, Privacy = true });

    [Benchmark]
    public int EverythingWithReport()
    {
        var report = QualityEvaluator.Evaluate(_train, _synthetic, new EvaluationOptions { Holdout = _holdout, Target = "income" });
        return HtmlReport.Render(report, _train, _synthetic).Length;
    }
}
