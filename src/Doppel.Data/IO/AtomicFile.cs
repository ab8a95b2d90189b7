namespace Doppel.Data;

/// <summary>
/// Writes an output so that it appears whole or not at all: the bytes go to a temporary file in the target's
/// folder, are flushed to disk, and the file is then moved over the target. A crash, a kill or Ctrl+C before
/// <see cref="Commit"/> leaves the previous target untouched; disposing without committing deletes the temporary file.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _committed;

    private AtomicFile(string target)
    {
        Target = Path.GetFullPath(target);
        var folder = Path.GetDirectoryName(Target) ?? ".";
        Directory.CreateDirectory(folder);
        TemporaryPath = Path.Combine(folder, $".{Path.GetFileName(Target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>The file that will be replaced on commit.</summary>
    public string Target { get; }

    /// <summary>The temporary file being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to write to.</summary>
    public Stream Stream => _stream;

    /// <summary>Starts writing a new version of <paramref name="target"/>.</summary>
    public static AtomicFile Create(string target) => new(target);

    /// <summary>Writes the whole output through <paramref name="write"/> and commits it.</summary>
    public static void Write(string target, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = Create(target);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Writes the whole output through <paramref name="write"/> and commits it.</summary>
    public static async Task WriteAsync(string target, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = Create(target);
        await write(file.Stream, cancellationToken).ConfigureAwait(false);
        file.Commit();
    }

    /// <summary>Flushes to disk and moves the temporary file over the target.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(TemporaryPath, Target, overwrite: true);
        _committed = true;
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        _stream.Dispose();
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (IOException)
        {
            // The temporary file stays behind only if the folder itself vanished; nothing of the target is harmed.
        }

        _committed = true;
    }
}
