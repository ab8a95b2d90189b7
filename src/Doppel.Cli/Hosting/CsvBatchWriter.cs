using Doppel.Data;

namespace Doppel.Cli;

/// <summary>
/// Streams tables of one schema to a CSV stream as one file: the first batch with its header, later batches without
/// (each batch is written by <see cref="CsvTableWriter"/> and its header line dropped), so sampling never holds more
/// than one batch in memory.
/// </summary>
internal sealed class CsvBatchWriter(Stream destination) : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private bool _headerWritten;

    /// <summary>Rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Appends <paramref name="batch"/>.</summary>
    public void Write(Table batch)
    {
        _buffer.SetLength(0);
        CsvTableWriter.Write(batch, _buffer);
        var bytes = _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
        destination.Write(_headerWritten ? bytes[HeaderLength(bytes)..] : bytes);
        _headerWritten = true;
        Rows += batch.RowCount;
    }

    /// <inheritdoc />
    public void Dispose() => _buffer.Dispose();

    /// <summary>The byte length of the header line, up to and including the first line break outside quotes.</summary>
    private static int HeaderLength(ReadOnlySpan<byte> csv)
    {
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (csv[i] == (byte)'\n' && !quoted)
            {
                return i + 1;
            }
        }

        return csv.Length;
    }
}
