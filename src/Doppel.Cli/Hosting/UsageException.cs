namespace Doppel.Cli;

/// <summary>A mistake in how the command was called (a flag value that cannot work); exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a one-line message naming the flag.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public UsageException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }
}
