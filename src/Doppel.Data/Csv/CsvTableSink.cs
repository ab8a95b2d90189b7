using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Doppel.Data;

/// <summary>
/// Writes batches as one UTF-8 CSV file (no byte-order mark, <c>\n</c> line ends) through the Sep writer: the header,
/// then each batch's rows as they come. A file target is written through <see cref="AtomicFile"/> and appears at
/// <see cref="Complete"/>, so memory holds one batch whatever the row count.
/// </summary>
/// <remarks>
/// A field is quoted when it holds the separator, a quote or a line break, and a text value is also quoted when it would
/// otherwise read back as missing (empty, blank, or <c>NA</c> or the missing text), because <see cref="CsvTableReader"/>
/// never treats a quoted cell as missing. Values are written as <see cref="CsvTableWriter"/> describes.
/// </remarks>
internal sealed class CsvTableSink : ITableSink
{
    private readonly AtomicFile? _file;
    private readonly StreamWriter _text;
    private readonly SepWriter _writer;
    private readonly CsvWriteOptions _options;
    private readonly char _separator;
    private readonly string _missingTrimmed;
    private readonly char[] _number = new char[64];
    private char[] _escaped = new char[256];
    private bool _done;

    private CsvTableSink(string description, TableSchema schema, Stream stream, AtomicFile? file, CsvWriteOptions options)
    {
        Description = description;
        Schema = schema;
        _file = file;
        _options = options;
        _separator = options.Separator;
        _missingTrimmed = options.MissingText.Trim(' ', '\t');
        _text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var sepOptions = new SepWriterOptions(new Sep(options.Separator))
        {
            WriteHeader = false,
            Escape = false,
            CultureInfo = CultureInfo.InvariantCulture,
        };
        _writer = sepOptions.To(_text);
        using var header = _writer.NewRow();
        for (var c = 0; c < schema.Count; c++)
        {
            header[c].Set(Escape(schema.Columns[c].Name, isText: false));
        }
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <inheritdoc />
    public long RowsWritten { get; private set; }

    /// <summary>Starts writing <paramref name="path"/>; the previous file, if any, stays until <see cref="Complete"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Separator and missing text; null for the defaults.</param>
    public static CsvTableSink Create(string path, TableSchema schema, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var file = AtomicFile.Create(path);
        try
        {
            return new CsvTableSink(path, schema, file.Stream, file, options ?? new CsvWriteOptions());
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Starts writing to <paramref name="stream"/> (left open; <see cref="Complete"/> flushes it).</summary>
    /// <param name="stream">The destination, for example standard output.</param>
    /// <param name="schema">The schema of every batch.</param>
    /// <param name="options">Separator and missing text; null for the defaults.</param>
    public static CsvTableSink Create(Stream stream, TableSchema schema, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        return new CsvTableSink("the output stream", schema, stream, null, options ?? new CsvWriteOptions());
    }

    /// <inheritdoc />
    public void WriteBatch(Table batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_done, this);
        SinkChecks.Matches(Schema, batch);
        var columns = batch.Columns;
        for (var r = 0; r < batch.RowCount; r++)
        {
            using var row = _writer.NewRow();
            for (var c = 0; c < columns.Length; c++)
            {
                var column = columns[c];
                if (column.IsMissing(r))
                {
                    row[c].Set(Escape(_options.MissingText, isText: false));
                }
                else
                {
                    var isText = column.Kind is ColumnKind.Categorical or ColumnKind.Identifier or ColumnKind.Boolean;
                    row[c].Set(Escape(CsvTableWriter.Format(column, r, _number), isText));
                }
            }
        }

        RowsWritten += batch.RowCount;
    }

    /// <inheritdoc />
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        _writer.Dispose();
        _text.Flush();
        _text.Dispose();
        _file?.Commit();
    }

    /// <summary>Discards the file unless <see cref="Complete"/> was called.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _writer.Dispose();
        _text.Dispose();
        _file?.Dispose();
    }

    /// <summary>The field as written: quoted when it holds the separator, a quote or a line break, or is text that would read as missing.</summary>
    private ReadOnlySpan<char> Escape(ReadOnlySpan<char> value, bool isText)
    {
        var quote = value.IndexOfAny(_separator, '"', '\n') >= 0 || value.Contains('\r');
        if (!quote && isText)
        {
            var trimmed = value.Trim(" \t");
            quote = trimmed.IsEmpty || trimmed.SequenceEqual("NA") || trimmed.SequenceEqual(_missingTrimmed);
        }

        if (!quote)
        {
            return value;
        }

        var needed = (value.Length * 2) + 2;
        if (_escaped.Length < needed)
        {
            _escaped = new char[Math.Max(needed, _escaped.Length * 2)];
        }

        var n = 0;
        _escaped[n++] = '"';
        foreach (var ch in value)
        {
            _escaped[n++] = ch;
            if (ch == '"')
            {
                _escaped[n++] = '"';
            }
        }

        _escaped[n++] = '"';
        return _escaped.AsSpan(0, n);
    }
}
