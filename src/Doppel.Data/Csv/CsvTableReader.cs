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
internal static class CsvTableReader
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
        if (options.Schema is { } given)
        {
            var schema = ApplyToGiven(given, options);
            using var source = CsvSource.Open(path, options.Separator);
            CheckHeader(source, schema);
            var sink = new SecondLookSink(new ColumnProfile?[schema.Count], [.. schema.Columns.Select(c => ColumnBuilder.For(c, path, source.EstimatedRows))]);
            source.Scan(ref sink, missing);
            return Finish(schema, [.. sink.Builders.Select(b => b!.Build())]);
        }

        var (inferred, columns) = InferAndRead(path, options, missing, keepValues: true);
        return Finish(inferred, columns!);
    }

    /// <summary>Infers the schema of <paramref name="path"/> without building the table (one pass, or two when a column mixes numbers and text).</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Missing tokens, separator and overrides; a given schema is returned with the overrides applied after checking the header.</param>
    /// <exception cref="DataFormatException">As for <see cref="Read"/>.</exception>
    /// <exception cref="SchemaException">As for <see cref="Read"/>.</exception>
    public static TableSchema InferSchema(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        if (options.Schema is { } given)
        {
            var schema = ApplyToGiven(given, options);
            using var source = CsvSource.Open(path, options.Separator);
            CheckHeader(source, schema);
            return schema;
        }

        return InferAndRead(path, options, new MissingTokens(options.MissingTokens), keepValues: false).Schema;
    }

    /// <summary>
    /// Profiles every column in one pass, keeping parsed values when <paramref name="keepValues"/>; decides the kinds;
    /// builds the columns from the kept values; and reads the file a second time only for the columns that need it
    /// (numbers followed by text, or an override the kept values cannot give verbatim).
    /// </summary>
    private static (TableSchema Schema, Column[]? Columns) InferAndRead(string path, CsvReadOptions options, MissingTokens missing, bool keepValues)
    {
        ColumnProfile[] profiles;
        using (var source = CsvSource.Open(path, options.Separator))
        {
            profiles = [.. source.Names.Select(n => new ColumnProfile(n, keepValues, capacity: source.EstimatedRows))];
            var sink = new ProfileSink(profiles);
            source.Scan(ref sink, missing);
        }

        var names = profiles.Select(p => p.Name).ToArray();
        var overrides = options.Overrides;
        overrides?.Validate(names);
        var asked = overrides?.Entries().Select(e => e.Column).ToHashSet(StringComparer.Ordinal) ?? [];
        var schemas = new ColumnSchema[names.Length];
        var columns = keepValues ? new Column[names.Length] : null;
        var againAsText = new ColumnProfile?[names.Length];
        var againTyped = new ColumnBuilder?[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            var profile = profiles[c];
            if (profile.SwitchedToText && !asked.Contains(names[c]))
            {
                againAsText[c] = new ColumnProfile(names[c], keepValues, forceText: true, capacity: profile.RowCount);
                profiles[c] = null!;
                continue;
            }

            schemas[c] = SchemaInference.Decide(profile, overrides);
            if (columns is not null)
            {
                columns[c] = profile.TryBuild(schemas[c])!;
                againTyped[c] = columns[c] is null ? ColumnBuilder.For(schemas[c], path, profile.RowCount) : null;
            }

            profiles[c] = null!;
        }

        if (againAsText.Any(p => p is not null) || againTyped.Any(b => b is not null))
        {
            using var source = CsvSource.Open(path, options.Separator);
            var sink = new SecondLookSink(againAsText, againTyped);
            source.Scan(ref sink, missing);
            for (var c = 0; c < names.Length; c++)
            {
                if (againAsText[c] is { } profile)
                {
                    schemas[c] = SchemaInference.Decide(profile, null);
                    if (columns is not null)
                    {
                        columns[c] = profile.TryBuild(schemas[c])
                            ?? throw new InvalidOperationException($"column '{names[c]}' read as text could not be built as {schemas[c].Kind}");
                    }
                }
                else if (againTyped[c] is { } builder)
                {
                    columns![c] = builder.Build();
                }
            }
        }

        return (new TableSchema([.. schemas]), columns);
    }

    private static Table Finish(TableSchema schema, Column[] columns)
    {
        var final = new TableSchema([.. schema.Columns.Select((c, i) => c with
        {
            IsNullable = c.IsNullable || columns[i].HasMissing,
            Format = columns[i] is BooleanColumn b ? $"{b.TrueText}|{b.FalseText}" : c.Format,
        })]);
        return new Table(final, columns);
    }

    private static TableSchema ApplyToGiven(TableSchema schema, CsvReadOptions options)
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

    private readonly struct SecondLookSink(ColumnProfile?[] profiles, ColumnBuilder?[] builders) : ICellSink
    {
        public ColumnBuilder?[] Builders { get; } = builders;

        public void AddMissing(int column)
        {
            Builders[column]?.AddMissing();
            profiles[column]?.AddMissing();
        }

        public void Add(int column, ReadOnlySpan<char> cell, long line)
        {
            Builders[column]?.Add(cell, line);
            profiles[column]?.Add(cell);
        }
    }
}
