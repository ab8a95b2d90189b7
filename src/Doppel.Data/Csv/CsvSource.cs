using System.Text;
using nietras.SeparatedValues;

namespace Doppel.Data;

/// <summary>
/// One pass over a CSV file through Sep: opens the file as strict UTF-8 (a byte-order mark is skipped), detects or
/// takes the separator, reads and checks the header, then hands each data row's cells to a sink. Errors name the file and line.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly StreamReader _text;
    private readonly SepReader _reader;
    private char[] _unquoted = new char[256];

    private CsvSource(string path, StreamReader text, SepReader reader, string[] names, char separator)
    {
        Path = path;
        _text = text;
        _reader = reader;
        Names = names;
        Separator = separator;
    }

    /// <summary>The file, as given by the caller (used in messages).</summary>
    public string Path { get; }

    /// <summary>The column names from the header, trimmed of surrounding spaces.</summary>
    public string[] Names { get; }

    /// <summary>An estimate of the number of data rows (within a few percent for regular files), for sizing storage.</summary>
    public int EstimatedRows { get; private init; }

    /// <summary>The field separator in use.</summary>
    public char Separator { get; }

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="DataFormatException">The file is missing, empty, not UTF-8, or its header is invalid.</exception>
    public static CsvSource Open(string path, char? separator)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        StreamReader text;
        try
        {
            text = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, null, null, "the file does not exist; check the path.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, null, $"the file cannot be opened: {e.Message}", e);
        }

        try
        {
            var (detected, rows) = Sample(text);
            var sep = separator ?? detected;
            var options = new SepReaderOptions(new Sep(sep))
            {
                HasHeader = false,
                // Cells are unquoted here rather than by Sep, so that a quoted cell ("" or "NA") is known to be a value, never missing.
                Unescape = false,
                DisableColCountCheck = true,
                CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
            };
            SepReader reader;
            try
            {
                reader = options.From(text);
            }
            catch (DecoderFallbackException e)
            {
                throw InvalidUtf8(path, e);
            }

            try
            {
                var names = ReadHeader(path, reader);
                return new CsvSource(path, text, reader, names, sep) { EstimatedRows = rows };
            }
            catch
            {
                reader.Dispose();
                throw;
            }
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>Feeds every data row to <paramref name="sink"/>; blank lines are skipped when the table has several columns.</summary>
    /// <returns>The number of data rows.</returns>
    /// <exception cref="DataFormatException">A row has the wrong number of fields, the bytes are not UTF-8, the sink refuses a value, or there is no data row.</exception>
    public int Scan<TSink>(ref TSink sink, MissingTokens missing)
        where TSink : struct, ICellSink
    {
        var rows = ScanSome(ref sink, missing, int.MaxValue);
        if (rows == 0)
        {
            throw new DataFormatException(Path, null, null, "the file has a header but no data rows; a table needs at least one row.");
        }

        return rows;
    }

    /// <summary>
    /// Feeds the next data rows, at most <paramref name="maxRows"/>, to <paramref name="sink"/>. A quoted cell is always a
    /// value (so <c>""</c> is the empty text); an unquoted cell is missing when it matches a missing token.
    /// </summary>
    /// <returns>The number of rows fed; 0 at the end of the file.</returns>
    /// <exception cref="DataFormatException">A row has the wrong number of fields, the bytes are not UTF-8, or the sink refuses a value.</exception>
    public int ScanSome<TSink>(ref TSink sink, MissingTokens missing, int maxRows)
        where TSink : struct, ICellSink
    {
        var columns = Names.Length;
        var rows = 0;
        try
        {
            while (rows < maxRows && _reader.MoveNext())
            {
                var row = _reader.Current;
                long line = row.LineNumberFrom;
                if (row.ColCount != columns)
                {
                    if (row.ColCount == 1 && columns > 1 && row.Span.IsEmpty)
                    {
                        continue;
                    }

                    throw new DataFormatException(Path, line, null,
                        $"the row has {row.ColCount} fields but the header has {columns}; every row needs one field per column (quote values that hold the separator '{Printable(Separator)}').");
                }

                for (var c = 0; c < columns; c++)
                {
                    var cell = row[c].Span;
                    if (cell.Length > 0 && cell[0] == '"')
                    {
                        sink.Add(c, Unquote(cell, ref _unquoted), line);
                    }
                    else if (missing.IsMissing(cell))
                    {
                        sink.AddMissing(c);
                    }
                    else
                    {
                        sink.Add(c, cell, line);
                    }
                }

                rows++;
            }
        }
        catch (DecoderFallbackException e)
        {
            throw InvalidUtf8(Path, e);
        }

        return rows;
    }

    /// <summary>The text of a quoted cell: the outer quotes removed and each doubled quote made single.</summary>
    internal static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> cell, ref char[] buffer)
    {
        var inner = cell[1..];
        if (inner.Length > 0 && inner[^1] == '"')
        {
            inner = inner[..^1];
        }

        if (!inner.Contains('"'))
        {
            return inner;
        }

        if (buffer.Length < inner.Length)
        {
            buffer = new char[Math.Max(inner.Length, buffer.Length * 2)];
        }

        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            buffer[n++] = inner[i];
            if (inner[i] == '"' && i + 1 < inner.Length && inner[i + 1] == '"')
            {
                i++;
            }
        }

        return buffer.AsSpan(0, n);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    /// <summary>
    /// Looks at the first 64 KiB: the separator of the header, and an estimate of the number of data rows from the
    /// mean line length, so column storage is sized once instead of grown.
    /// </summary>
    private static (char Separator, int Rows) Sample(StreamReader text)
    {
        // Read the start as bytes (lossy decoding is enough to count separators), leaving the text reader untouched.
        var stream = text.BaseStream;
        var bytes = new byte[1 << 16];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        var length = stream.Length;
        stream.Position = 0;
        var start = bytes.AsSpan(0, read);
        var lines = Math.Max(1, start.Count((byte)'\n'));
        var rows = read == length ? lines : (int)Math.Min(Array.MaxLength, (long)(1.02 * length / ((double)read / lines)) + 16);
        if (start.StartsWith(Encoding.UTF8.Preamble))
        {
            start = start[Encoding.UTF8.Preamble.Length..];
        }

        return (SeparatorDetector.Detect(Encoding.UTF8.GetString(start)), rows);
    }

    private static string[] ReadHeader(string path, SepReader reader)
    {
        bool any;
        try
        {
            any = reader.MoveNext();
        }
        catch (DecoderFallbackException e)
        {
            throw InvalidUtf8(path, e);
        }

        if (!any || (reader.Current.ColCount == 1 && reader.Current.Span.Trim().IsEmpty))
        {
            throw new DataFormatException(path, null, null, "the file is empty; a CSV table needs a header row and at least one data row.");
        }

        var header = reader.Current;
        var names = new string[header.ColCount];
        var buffer = new char[256];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < names.Length; c++)
        {
            var raw = header[c].Span.Trim();
            names[c] = (raw.Length > 0 && raw[0] == '"' ? Unquote(raw, ref buffer) : raw).ToString();
            if (names[c].Length == 0)
            {
                throw new DataFormatException(path, 1, null,
                    $"column {c + 1} of the header has no name; every column needs a unique name.");
            }

            if (!seen.TryAdd(names[c], c))
            {
                throw new DataFormatException(path, 1, names[c],
                    $"the name appears twice in the header (columns {seen[names[c]] + 1} and {c + 1}); column names must be unique.");
            }
        }

        return names;
    }

    private static DataFormatException InvalidUtf8(string path, DecoderFallbackException e)
    {
        var (line, offset) = Utf8Locator.FindInvalid(path);
        return new DataFormatException(path, line, null,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the text is not valid UTF-8 (byte offset {offset}); save the file as UTF-8."), e);
    }

    private static string Printable(char c) => c == '\t' ? "\\t" : c.ToString();
}

/// <summary>Receives the cells of one pass, column by column within each row.</summary>
internal interface ICellSink
{
    /// <summary>A missing cell in column <paramref name="column"/>.</summary>
    void AddMissing(int column);

    /// <summary>A value in column <paramref name="column"/>, verbatim, on 1-based line <paramref name="line"/>.</summary>
    void Add(int column, ReadOnlySpan<char> cell, long line);
}
