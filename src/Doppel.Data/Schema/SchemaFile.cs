namespace Doppel.Data;

/// <summary>
/// A schema file, as written by <c>doppel schema DATA &gt; schema.json</c> and edited by the user: the column kinds,
/// formats and discrete flags, and the missing tokens the data is read with. Reading a CSV with it skips inference.
/// </summary>
/// <param name="Schema">The columns, in file order.</param>
/// <param name="MissingTokens">The missing tokens, or null to use the reader's (the file has no <c>missing_tokens</c>).</param>
internal sealed record SchemaFile(TableSchema Schema, IReadOnlyList<string>? MissingTokens)
{
    /// <summary>The file's JSON text: indented, fixed property order, so the same schema gives the same bytes.</summary>
    public string ToJson() => TableSchemaJson.Serialize(Schema, MissingTokens);

    /// <summary>Parses a schema file's text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="DataFormatException">The text is not a valid schema.</exception>
    public static SchemaFile Parse(string json, string source)
    {
        var (schema, missing) = TableSchemaJson.DeserializeDocument(json, source);
        return new SchemaFile(schema, missing);
    }

    /// <summary>Reads the schema file at <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is missing or not a valid schema.</exception>
    public static SchemaFile Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, null, $"the schema file cannot be read: {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <summary>Writes the file to <paramref name="path"/> through <see cref="AtomicFile"/>.</summary>
    public void Write(string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 4096, leaveOpen: true) { NewLine = "\n" };
            writer.Write(ToJson());
            writer.Write('\n');
        });

    /// <summary>Read options that use this schema (and its missing tokens when it has them) on top of <paramref name="options"/>.</summary>
    public CsvReadOptions ApplyTo(CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        return options with { Schema = Schema, MissingTokens = MissingTokens ?? options.MissingTokens };
    }
}
