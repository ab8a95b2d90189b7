namespace Doppel.Data;

/// <summary>
/// Reads a CSV file into a <see cref="Table"/> through the Sep parser. The file must be UTF-8 (a byte-order mark is
/// allowed) with a header row of unique, non-empty names and at least one data row; quoted fields may hold separators,
/// quotes (doubled) and line breaks. Numbers are culture-invariant (<c>1234.5</c>). Text values are kept verbatim,
/// leading spaces included, so <see cref="CsvTableWriter"/> writes the same values back.
/// </summary>
/// <remarks>
/// Without a schema the file is read twice: once to profile every column in bounded memory
/// (<see cref="SchemaInference"/>), then to build typed columns, parsing numbers straight from the parser's spans.
/// With <see cref="CsvReadOptions.Schema"/> it is read once.
/// </remarks>
public static class CsvTableReader
{
    /// <summary>Reads the table in <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Missing tokens, separator, schema and overrides; null for the defaults.</param>
    /// <returns>The table, with the inferred or given schema (overrides applied).</returns>
    /// <exception cref="DataFormatException">The file is missing, empty, header-only, not UTF-8, has a ragged row, a bad
    /// header, a header that differs from the given schema, or a value that does not fit its column (file, line and column named).</exception>
    /// <exception cref="SchemaException">An override names an unknown column or does not fit, or a column is entirely missing.</exception>
    public static Table Read(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        var missing = new MissingTokens(options.MissingTokens);
        TableSchema schema;
        int rowHint;
        if (options.Schema is { } given)
        {
            schema = ApplyToGiven(path, given, options);
            rowHint = 1024;
        }
        else
        {
            (schema, rowHint) = Profile(path, options, missing);
        }

        using var source = CsvSource.Open(path, options.Separator);
        CheckHeader(source, schema);
        var sink = new BuildSink([.. schema.Columns.Select(c => ColumnBuilder.For(c, path, rowHint))]);
        source.Scan(ref sink, missing);
        var columns = sink.Builders.Select(b => b.Build()).ToArray();
        var final = new TableSchema([.. schema.Columns.Select((c, i) => c with
        {
            IsNullable = c.IsNullable || columns[i].HasMissing,
            Format = columns[i] is BooleanColumn b ? $"{b.TrueText}|{b.FalseText}" : c.Format,
        })]);
        return new Table(final, columns);
    }

    /// <summary>Infers the schema of <paramref name="path"/> without building the table (one pass over the file).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Missing tokens, separator and overrides; a given schema is returned with the overrides applied after checking the header.</param>
    /// <exception cref="DataFormatException">As for <see cref="Read"/>.</exception>
    /// <exception cref="SchemaException">As for <see cref="Read"/>.</exception>
    public static TableSchema InferSchema(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        if (options.Schema is { } given)
        {
            var schema = ApplyToGiven(path, given, options);
            using var source = CsvSource.Open(path, options.Separator);
            CheckHeader(source, schema);
            return schema;
        }

        return Profile(path, options, new MissingTokens(options.MissingTokens)).Schema;
    }

    private static (TableSchema Schema, int Rows) Profile(string path, CsvReadOptions options, MissingTokens missing)
    {
        using var source = CsvSource.Open(path, options.Separator);
        var sink = new ProfileSink([.. source.Names.Select(n => new ColumnProfile(n))]);
        var rows = source.Scan(ref sink, missing);
        return (SchemaInference.Infer(sink.Profiles, options.Overrides), rows);
    }

    private static TableSchema ApplyToGiven(string path, TableSchema schema, CsvReadOptions options)
    {
        if (options.Overrides is not { IsEmpty: false } overrides)
        {
            return schema;
        }

        overrides.Validate([.. schema.Columns.Select(c => c.Name)]);
        var kinds = overrides.Entries().ToDictionary(e => e.Column, e => e.List, StringComparer.Ordinal);
        return new TableSchema([.. schema.Columns.Select(c => kinds.TryGetValue(c.Name, out var list)
            ? new ColumnSchema(c.Name, list switch
            {
                "discrete" => ColumnKind.Categorical,
                "id" => ColumnKind.Identifier,
                "boolean" => ColumnKind.Boolean,
                _ => c.Kind == ColumnKind.Integer ? ColumnKind.Integer : ColumnKind.Continuous,
            }) { IsNullable = c.IsNullable, Format = list == "boolean" && c.Kind == ColumnKind.Boolean ? c.Format : null }
            : c)]);
    }

    private static void CheckHeader(CsvSource source, TableSchema schema)
    {
        var expected = schema.Columns.Select(c => c.Name).ToArray();
        if (!expected.SequenceEqual(source.Names, StringComparer.Ordinal))
        {
            throw new DataFormatException(source.Path, 1, null,
                $"the header ({string.Join(", ", source.Names)}) does not match the schema ({string.Join(", ", expected)}); the file needs the schema's columns in the schema's order.");
        }
    }

    private readonly struct ProfileSink(ColumnProfile[] profiles) : ICellSink
    {
        public ColumnProfile[] Profiles { get; } = profiles;

        public void AddMissing(int column) => Profiles[column].AddMissing();

        public void Add(int column, ReadOnlySpan<char> cell, long line) => Profiles[column].Add(cell);
    }

    private readonly struct BuildSink(ColumnBuilder[] builders) : ICellSink
    {
        public ColumnBuilder[] Builders { get; } = builders;

        public void AddMissing(int column) => Builders[column].AddMissing();

        public void Add(int column, ReadOnlySpan<char> cell, long line) => Builders[column].Add(cell, line);
    }
}
