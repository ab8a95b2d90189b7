using System.Globalization;
using Doppel.Data;
using Doppel.Interop;
using Doppel.Synthesis.Specification;

namespace Doppel.Samples.TestData;

/// <summary>An order as the code under test sees it; the generated table fills these records.</summary>
/// <param name="Amount">Order value in euros (log-normal).</param>
/// <param name="Items">Items in the basket (Poisson).</param>
/// <param name="Express">1 when shipped express (Bernoulli).</param>
/// <param name="Channel">Where the order came from.</param>
public sealed record Order(double Amount, long Items, long Express, string Channel);

/// <summary>
/// Generate test data from a specification (distributions and correlations, no real rows) for unit tests: the same
/// seed always gives the same rows, so a test can depend on them.
/// Usage: TestData [rows] [seed]   (defaults: 1000 rows, seed 42)
/// </summary>
public static class Program
{
    /// <summary>The specification: the format of data/specs/*.json; correlations are Spearman (rank) correlations.</summary>
    public const string Specification = """
        {
          "name": "orders",
          "marginals": [
            {"name": "Amount", "family": "lognormal", "params": {"meanlog": 3.5, "sdlog": 0.8}},
            {"name": "Items", "family": "poisson", "params": {"lambda": 3}},
            {"name": "Express", "family": "bernoulli", "params": {"p": 0.2}},
            {"name": "Channel", "family": "categorical", "params": {"labels": ["web", "app", "store"], "probabilities": [0.5, 0.3, 0.2]}}
          ],
          "target_corr": [
            [1.0, 0.6, 0.3, 0.0],
            [0.6, 1.0, 0.1, 0.0],
            [0.3, 0.1, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0]
          ],
          "correlation": "spearman"
        }
        """;

    public static int Main(string[] args) => Run(args, Console.Out);

    public static int Run(string[] args, TextWriter output)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        var seed = args.Length > 1 ? ulong.Parse(args[1], CultureInfo.InvariantCulture) : 42UL;

        var spec = Generate.ParseSpecification(Specification, "orders");
        var result = Generate.Run(spec, rows, new SpecGenerationOptions { Method = SpecMethod.Auto, Seed = seed });
        output.WriteLine(Invariant($"generated {result.Table.RowCount} rows with {result.Description}"));

        // Every pair's target and achieved correlation.
        var names = spec.Marginals.Select(m => m.Name).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            for (var j = i + 1; j < names.Length; j++)
            {
                output.WriteLine(Invariant($"corr {names[i]}~{names[j]} target {spec.TargetAt(i, j):F2} achieved {result.Achieved[(i * names.Length) + j]:F2}"));
            }
        }

        // Typed records for the code under test.
        IReadOnlyList<Order> orders = result.Table.ToRecords<Order>();
        output.WriteLine(Invariant($"mean amount {orders.Average(o => o.Amount):F2}, mean items {orders.Average(o => o.Items):F2}, express share {orders.Average(o => o.Express):F3}"));
        foreach (var order in orders.Take(3))
        {
            output.WriteLine(Invariant($"order {order.Amount:F2} EUR, {order.Items} items, express {order.Express}, {order.Channel}"));
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
