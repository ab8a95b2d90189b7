using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.Cli;

/// <summary>The library calls behind <c>fit</c> and <c>sample</c> that deal with table locations.</summary>
internal static class TableCommands
{
    /// <summary>
    /// Fits <paramref name="synthesizer"/> to the table at <paramref name="location"/> through <see cref="StreamingFit"/>:
    /// in bounded memory for <c>independent</c> and <c>gaussian-copula</c>, on a uniform sample for the others.
    /// </summary>
    public static ISynthesizerModel Fit(
        ParseResult parse, TableInputOptions input, TableLocation location, ISynthesizer synthesizer, FitOptions options, CliContext context, CancellationToken cancellationToken,
        IProgress<TrainingProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var csv = input.ReadOptions(parse);
        ITableSource source;
        try
        {
            source = TableIO.OpenSource(location, new TableSourceOptions { Csv = csv });
        }
        catch (SchemaException e) when (csv.Overrides is { } o && new[] { o.Discrete, o.Numeric, o.Id, o.Boolean }.Any(l => l.Contains(e.Column)))
        {
            // The user named this column in an override flag: the flag is what to fix.
            throw new UsageException(e.Message, e);
        }

        using var owned = source;
        var rows = new CountingSource(source);
        var fitted = StreamingFit.Fit(synthesizer, rows, options, null, progress ?? context.Progress(), cancellationToken);
        context.Say(string.Create(CultureInfo.InvariantCulture,
            $"read {location}: {rows.Rows:N0} rows, {source.Schema.Count} columns; fitted {synthesizer.Name} in {clock.Elapsed.TotalSeconds:F2} s"));
        return fitted;
    }

    /// <summary>Counts the rows of the first pass over a source, for the report line.</summary>
    private sealed class CountingSource(ITableSource inner) : ITableSource
    {
        private bool _counted;

        public long Rows { get; private set; }

        public string Description => inner.Description;

        public TableSchema Schema => inner.Schema;

        public IEnumerable<Table> ReadBatches(int batchRows, CancellationToken cancellationToken = default)
        {
            foreach (var batch in inner.ReadBatches(batchRows, cancellationToken))
            {
                if (!_counted)
                {
                    Rows += batch.RowCount;
                }

                yield return batch;
            }

            _counted = true;
        }

        public void Dispose() => inner.Dispose();
    }
}
