using System.CommandLine;
using Doppel.Data;

namespace Doppel.Cli;

/// <summary>
/// The options every command that reads a CSV table shares: <c>--na</c>, <c>--separator</c>, <c>--schema</c> and the
/// column overrides <c>--discrete</c>, <c>--numeric</c>, <c>--id</c>, <c>--boolean</c>. Lists take comma-separated
/// names and may be repeated. Add them to a command with <see cref="AddTo"/>, read the table with <see cref="Read"/>.
/// </summary>
public sealed class TableInputOptions
{
    /// <summary>Missing-value tokens.</summary>
    public Option<string[]> Na { get; } = List("--na", "TOKENS", "Cells that mean 'missing' besides the empty cell (default: NA), e.g. --na '?'.");

    /// <summary>The field separator.</summary>
    public Option<string?> Separator { get; } = new("--separator")
    {
        Description = "Field separator: one character, or 'tab' (default: detected among , ; tab |).",
        HelpName = "CHAR",
    };

    /// <summary>A schema file from <c>doppel schema</c>.</summary>
    public Option<string?> Schema { get; } = new("--schema")
    {
        Description = "Read with this schema file (from 'doppel schema DATA > schema.json', edited) instead of inferring kinds.",
        HelpName = "FILE",
    };

    /// <summary>Columns to model as categories.</summary>
    public Option<string[]> Discrete { get; } = List("--discrete", "COLUMNS", "Columns to model as categories, e.g. --discrete education-num,zip.");

    /// <summary>Columns to model as numbers.</summary>
    public Option<string[]> Numeric { get; } = List("--numeric", "COLUMNS", "Columns to model as numbers.");

    /// <summary>Key columns.</summary>
    public Option<string[]> Id { get; } = List("--id", "COLUMNS", "Key columns: not learned, regenerated as fresh unique values.");

    /// <summary>Columns to read as booleans.</summary>
    public Option<string[]> Boolean { get; } = List("--boolean", "COLUMNS", "Columns to read as booleans (e.g. a 0/1 column).");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Na, Separator, Schema, Discrete, Numeric, Id, Boolean })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The read options the flags describe.</summary>
    /// <exception cref="UsageException">The separator is not one character.</exception>
    /// <exception cref="DataFormatException">The schema file cannot be read.</exception>
    public CsvReadOptions ReadOptions(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var options = new CsvReadOptions();
        var na = Names(parse, Na);
        if (na.Count > 0)
        {
            options = options with { MissingTokens = ["", .. na] };
        }

        if (parse.GetValue(Separator) is { } separator)
        {
            options = options with
            {
                Separator = separator switch
                {
                    "tab" or "\\t" or "\t" => '\t',
                    { Length: 1 } => separator[0],
                    _ => throw new UsageException($"--separator must be one character or 'tab' (got '{separator}')."),
                },
            };
        }

        if (parse.GetValue(Schema) is { } schemaFile)
        {
            options = SchemaFile.Read(schemaFile).ApplyTo(options);
        }

        var overrides = new SchemaOverrides
        {
            Discrete = Names(parse, Discrete),
            Numeric = Names(parse, Numeric),
            Id = Names(parse, Id),
            Boolean = Names(parse, Boolean),
        };
        return overrides.IsEmpty ? options : options with { Overrides = overrides };
    }

    /// <summary>Reads the table at <paramref name="path"/> as the flags say.</summary>
    /// <exception cref="DataFormatException">The file cannot be read (file, line and column named).</exception>
    /// <exception cref="UsageException">An override names an unknown column, or names one twice.</exception>
    public Table Read(ParseResult parse, string path)
    {
        var options = ReadOptions(parse);
        return WithOverrideErrorsAsUsage(options, () => CsvTableReader.Read(path, options));
    }

    /// <summary>Infers the schema of the table at <paramref name="path"/> as the flags say.</summary>
    public TableSchema InferSchema(ParseResult parse, string path)
    {
        var options = ReadOptions(parse);
        return WithOverrideErrorsAsUsage(options, () => CsvTableReader.InferSchema(path, options));
    }

    private static T WithOverrideErrorsAsUsage<T>(CsvReadOptions options, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SchemaException e) when (options.Overrides is { } o && new[] { o.Discrete, o.Numeric, o.Id, o.Boolean }.Any(l => l.Contains(e.Column)))
        {
            // The user named this column in an override flag: the flag is what to fix.
            throw new UsageException(e.Message, e);
        }
    }

    private static Option<string[]> List(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static List<string> Names(ParseResult parse, Option<string[]> option) =>
        [.. (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
