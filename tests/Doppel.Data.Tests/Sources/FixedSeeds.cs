using System.Globalization;
using CsCheck;

namespace Doppel.Data.Tests;

/// <summary>
/// Runs a CsCheck property over a fixed list of seeds, so CI is reproducible: iteration i generates its input from
/// <c>new PCG(1, i)</c>, whatever the machine, thread count or time. A failure names its seed.
/// <para>
/// Locally: <c>DOPPEL_PROPERTY_ITER=5000 dotnet test ...</c> runs that many fixed seeds instead of the test's count;
/// <c>DOPPEL_PROPERTY_RANDOM=1</c> hands the run to CsCheck's own random seeds (with <c>CsCheck_Iter</c> or
/// <c>CsCheck_Time</c> for its length), and <c>CsCheck_Seed=&lt;seed from a failure&gt;</c> with it replays one input.
/// </para>
/// </summary>
internal static class FixedSeeds
{
    /// <summary>Checks <paramref name="assert"/> on the inputs of <paramref name="iter"/> fixed seeds (or of the environment's choice).</summary>
    /// <param name="gen">The input generator.</param>
    /// <param name="assert">Throws when the property fails.</param>
    /// <param name="iter">Fixed seeds to run in CI.</param>
    /// <param name="threads">Seeds checked at once (1 for a shared server).</param>
    public static void Check<T>(Gen<T> gen, Action<T> assert, int iter, int threads = -1)
    {
        if (Environment.GetEnvironmentVariable("DOPPEL_PROPERTY_RANDOM") is "1" or "true")
        {
            gen.Sample(assert, iter: -1, threads: threads);
            return;
        }

        var count = int.TryParse(Environment.GetEnvironmentVariable("DOPPEL_PROPERTY_ITER"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : iter;
        var failures = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, i =>
        {
            try
            {
                gen.Sample(assert, seed: Seed(i), iter: 1, threads: 1);
            }
            catch (CsCheckException e)
            {
                failures[i] = e;
            }
        });

        // The first failing seed in seed order, so the report is the same on every run.
        var first = Array.FindIndex(failures, f => f is not null);
        if (first >= 0)
        {
            throw new InvalidOperationException($"the property fails for fixed seed {first} ({Seed(first)}) of {count}", failures[first]);
        }
    }

    /// <summary>The CsCheck seed string of fixed seed <paramref name="index"/>.</summary>
    public static string Seed(int index) => new PCG(1, (ulong)index).ToString();
}
