using System.Globalization;
using Doppel.Data;
using Doppel.Evaluation;
using Doppel.Synthesis;

namespace Doppel.Samples.PrivateCopy;

/// <summary>
/// Make a privacy-safe copy of an SQLite table: fit a synthesizer on the table, write the same number of synthetic
/// rows into a new table of the same database, and check that the synthetic rows are no closer to the real ones
/// than unseen real rows are (distance to closest record, DCR).
/// Usage: PrivateCopy [database] [synthesizer] [seed]   (defaults: a new shop.db in a temporary folder, gaussian-copula, seed 1)
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        var database = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "doppel-private-copy", "shop.db");
        var synthesizer = args.Length > 1 ? args[1] : "gaussian-copula";
        var seed = args.Length > 2 ? ulong.Parse(args[2], CultureInfo.InvariantCulture) : 1UL;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);

        // 1. A database to protect: the bundled insurance table as `customers`.
        Table.ReadCsv(SampleData.File("insurance.csv")).WriteSqlite(database, "customers", replace: true);

        // 2. Learn it. A fifth of the rows is held out: they show how close unseen real people are.
        var customers = Table.ReadSqlite(database, "customers");
        var (train, holdout) = Evaluate.Split(customers, testFraction: 0.2, seed: seed);
        var model = Synthesizers.Create(synthesizer).Fit(train, new FitOptions { Seed = seed });

        // 3. Write the copy next to the original, streamed in batches; nothing is visible until it is complete.
        var copy = TableLocation.Sqlite(database, "customers_synthetic");
        model.SampleTo(copy, customers.RowCount, new SampleOptions { Seed = seed }, new TableSinkOptions { Replace = true });
        var synthetic = Table.Read(copy);
        output.WriteLine(Invariant($"wrote {synthetic.RowCount} synthetic rows to table customers_synthetic of {database}"));

        // 4. Privacy: distance from each synthetic row to its closest training row, against the same for held-out rows.
        var report = Evaluate.Compare(train, synthetic, new EvaluationOptions { Holdout = holdout, Seed = seed, MlEfficacy = false, Detection = false });
        var privacy = report.Privacy!;
        output.WriteLine(Invariant($"dcr synthetic median {privacy.DcrSyntheticMedian:F4}, holdout median {privacy.DcrHoldoutMedian:F4}, ratio {privacy.DcrRatio:F3}"));
        output.WriteLine(Invariant($"exact copies of training rows {privacy.ExactCopyRate:P2}"));
        output.WriteLine(Invariant($"fidelity score {report.Quality.Score:F3}"));
        var safe = privacy.DcrRatio >= 0.9 && privacy.ExactCopyRate <= 0.01;
        output.WriteLine(safe
            ? "verdict: synthetic rows are no closer to real people than unseen real rows are"
            : "verdict: synthetic rows sit closer to the training rows than unseen rows do; try another synthesizer or fewer components");
        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
