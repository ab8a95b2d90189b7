namespace Doppel.Synthesis;

/// <summary>How <see cref="StreamingFit"/> reads its source.</summary>
internal sealed record StreamingFitOptions
{
    /// <summary>Rows read per batch (default 65,536): memory, not results, depends on it, except for the copula's score jitter.</summary>
    public int BatchRows { get; init; } = 65_536;

    /// <summary>The most rows the synthesizers without a streaming fit learn from: a uniform sample of the source (default 200,000).</summary>
    public int SampleRows { get; init; } = 200_000;

    /// <summary>
    /// Sources with at most this many rows are read whole and fitted as in memory (default 65,536, where the quantile
    /// sketches are still exact); 0 streams every source.
    /// </summary>
    public int WholeTableRows { get; init; } = 65_536;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InvalidOptionsException">A setting is not positive.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (BatchRows <= 0)
        {
            problems.Add("batch_rows must be positive");
        }

        if (SampleRows <= 0)
        {
            problems.Add("sample_rows must be positive");
        }

        if (WholeTableRows < 0)
        {
            problems.Add("whole_table_rows must not be negative");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("streaming fit options", problems);
        }
    }
}
