using Doppel.Data;

namespace Doppel.Evaluation.Utility;

/// <summary>Splits a table's rows into a training part and a held-out test part, optionally stratified by one column.</summary>
internal static class TableSplit
{
    /// <summary>
    /// Puts round(<paramref name="testFraction"/> · n) rows (per stratum, when <paramref name="stratify"/> names a column)
    /// into the test part, chosen at random with <paramref name="seed"/>; both parts keep the rows' original order.
    /// Strata are the values of the column (missing is its own stratum; numeric columns use exact values).
    /// </summary>
    /// <exception cref="InvalidOptionsException">The fraction is not strictly between 0 and 1, or leaves a part empty.</exception>
    /// <exception cref="SchemaException">The stratify column does not exist.</exception>
    public static (Table Train, Table Test) Split(Table table, double testFraction, string? stratify, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new InvalidOptionsException("split", [$"the test fraction must be between 0 and 1, exclusive (got {testFraction})"]);
        }

        var strata = stratify is null
            ? [Enumerable.Range(0, table.RowCount).ToList()]
            : Enumerable.Range(0, table.RowCount).GroupBy(table[stratify].FormatValue).OrderBy(g => g.Key ?? "\0", StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var rng = new Rng(seed).Fork("split");
        var test = new List<int>();
        var s = 0;
        foreach (var rows in strata)
        {
            var shuffled = rows.ToArray();
            rng.Fork("stratum", s++).Shuffle(shuffled);
            test.AddRange(shuffled.AsSpan(0, (int)Math.Round(rows.Count * testFraction, MidpointRounding.ToEven)).ToArray());
        }

        var isTest = new bool[table.RowCount];
        foreach (var r in test)
        {
            isTest[r] = true;
        }

        var testRows = Enumerable.Range(0, table.RowCount).Where(r => isTest[r]).ToArray();
        var trainRows = Enumerable.Range(0, table.RowCount).Where(r => !isTest[r]).ToArray();
        if (testRows.Length == 0 || trainRows.Length == 0)
        {
            throw new InvalidOptionsException("split", [$"a test fraction of {testFraction} of {table.RowCount} rows leaves the {(testRows.Length == 0 ? "test" : "training")} part empty"]);
        }

        return (table.Take(trainRows), table.Take(testRows));
    }
}
