using System.Buffers;
using System.Text;

namespace Doppel.Data;

/// <summary>Finds where a file stops being valid UTF-8, to name the line in an error message.</summary>
internal static class Utf8Locator
{
    /// <summary>The 1-based line and the byte offset of the first invalid UTF-8 sequence, or (null, -1) when the file is valid.</summary>
    public static (long? Line, long Offset) FindInvalid(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        long line = 1;
        long offset = 0;
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            var final = read == 0;
            while (!span.IsEmpty)
            {
                var status = Rune.DecodeFromUtf8(span, out _, out var consumed);
                if (status == OperationStatus.NeedMoreData && !final)
                {
                    break;
                }

                if (status != OperationStatus.Done)
                {
                    return (line, offset);
                }

                if (span[0] == (byte)'\n')
                {
                    line++;
                }

                span = span[consumed..];
                offset += consumed;
            }

            carry = span.Length;
            span.CopyTo(buffer);
            if (final)
            {
                break;
            }
        }

        return (null, -1);
    }
}
