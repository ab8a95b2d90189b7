namespace Doppel.Cli;

/// <summary>The exit codes of <c>doppel</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>A runtime failure: bad data, a bad model file, an I/O error.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown or missing flags, bad flag values.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C) or cancelled.</summary>
    public const int Cancelled = 130;
}
