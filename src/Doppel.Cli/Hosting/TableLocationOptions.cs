using System.CommandLine;
using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.Cli;

/// <summary>
/// The options that turn a DATA or OUTPUT argument into a <see cref="TableLocation"/>: <c>--table</c> and
/// <c>--connection</c> for databases, <c>--replace</c> for an existing output table, and for outputs <c>--shard i/N</c>
/// and <c>--threads</c>. A location is a CSV or Parquet file, <c>sqlite:FILE</c> or <c>postgres:[TABLE]</c>.
/// </summary>
internal sealed class TableLocationOptions
{
    /// <summary>The database table.</summary>
    public Option<string?> Table { get; } = new("--table")
    {
        Description = "The table, for a sqlite:FILE or postgres: location (names are used verbatim, quoted).",
        HelpName = "NAME",
    };

    /// <summary>The PostgreSQL connection.</summary>
    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = $"PostgreSQL connection: 'Host=...;Database=...' or a postgresql:// URI (default: ${TableLocation.ConnectionVariable}). Never echoed.",
        HelpName = "CONN",
    };

    /// <summary>Replace an existing output table.</summary>
    public Option<bool> Replace { get; } = new("--replace")
    {
        Description = "Replace an existing database table (at commit); without it an existing table is refused. Files are always replaced atomically.",
    };

    /// <summary>Write one part of a sharded run.</summary>
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Write only part i of N (i from 0 to N-1) of the requested rows; the N parts concatenated are the unsharded run. See docs/SCALE.md.",
        HelpName = "i/N",
    };

    /// <summary>Threads drawing rows.</summary>
    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Threads drawing rows (the rows do not depend on it).",
        HelpName = "N",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>Adds the input options (table, connection) to <paramref name="command"/>.</summary>
    public void AddInputTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Table);
        command.Options.Add(Connection);
    }

    /// <summary>Adds every output option to <paramref name="command"/>.</summary>
    public void AddOutputTo(Command command)
    {
        AddInputTo(command);
        command.Options.Add(Replace);
        command.Options.Add(Shard);
        command.Options.Add(Threads);
    }

    /// <summary>The location <paramref name="text"/> names.</summary>
    /// <exception cref="UsageException">A database location lacks its table or connection, or a file is given a table.</exception>
    public TableLocation Location(ParseResult parse, string text)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return TableLocation.Parse(text, parse.GetValue(Table), parse.GetValue(Connection));
        }
        catch (InvalidOptionsException e)
        {
            throw new UsageException(string.Join("; ", e.Problems) + ".");
        }
    }

    /// <summary>
    /// The shard <c>--shard i/N</c> asks for, or (0, 1). An output that is a folder (existing, or ending in a path
    /// separator) receives <c>part-0000i.parquet</c>.
    /// </summary>
    /// <exception cref="UsageException">The value is not i/N with 0 ≤ i &lt; N.</exception>
    public (int Index, int Count) ShardOf(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Shard) is not { } text)
        {
            return (0, 1);
        }

        var parts = text.Split('/');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) &&
            count > 0 && index < count)
        {
            return (index, count);
        }

        throw new UsageException($"--shard expects i/N with 0 <= i < N, for example --shard 0/4 (got '{text}').");
    }

    /// <summary>The output location: <paramref name="text"/>, or <c>part-0000i.parquet</c> inside it when it is a folder.</summary>
    public TableLocation Output(ParseResult parse, string text, int shardIndex)
    {
        ArgumentNullException.ThrowIfNull(text);
        var isFolder = !text.Contains(':', StringComparison.Ordinal) &&
            (Directory.Exists(text) || text.EndsWith('/') || text.EndsWith(Path.DirectorySeparatorChar));
        return Location(parse, isFolder ? Path.Combine(text, string.Create(CultureInfo.InvariantCulture, $"part-{shardIndex:D5}.parquet")) : text);
    }

    /// <summary>
    /// Draws <paramref name="rows"/> rows of <paramref name="model"/> (the shard's share of them) on
    /// <c>--threads</c> threads and streams them into <paramref name="location"/>; nothing is visible there until all
    /// rows are written. Returns the rows written.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; the target is untouched.</exception>
    public long Sample(ParseResult parse, ISynthesizerModel model, long rows, SampleOptions options, TableLocation location, CancellationToken cancellationToken)
    {
        var (index, count) = ShardOf(parse);
        var (first, share) = ParallelSampling.Shard(rows, index, count);
        var threads = Math.Max(1, parse.GetValue(Threads));
        using var sink = TableIO.CreateSink(location, model.Schema, new TableSinkOptions { Replace = parse.GetValue(Replace) });
        foreach (var batch in ParallelSampling.SampleBatches(model, share, options with { FirstRow = options.FirstRow + first }, threads, cancellationToken))
        {
            sink.WriteBatch(batch);
        }

        cancellationToken.ThrowIfCancellationRequested();
        sink.Complete();
        return share;
    }
}
