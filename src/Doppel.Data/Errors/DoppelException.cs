namespace Doppel;

/// <summary>A mistake the user can fix: bad data, a bad option, a bad model file. The message says what, where and how to fix it.</summary>
public class DoppelException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public DoppelException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DoppelException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>Data that cannot be read: names the file and, where known, the row and column.</summary>
public sealed class DataFormatException : DoppelException
{
    /// <summary>Creates the exception; <paramref name="row"/> is 1-based as a user counts lines, or null.</summary>
    public DataFormatException(string file, long? row, string? column, string problem, Exception? inner = null)
        : base(Format(file, row, column, problem), inner)
    {
        File = file;
        Row = row;
        Column = column;
    }

    /// <summary>The file or source that could not be read.</summary>
    public string File { get; }

    /// <summary>The 1-based line number, when known.</summary>
    public long? Row { get; }

    /// <summary>The column, when known.</summary>
    public string? Column { get; }

    private static string Format(string file, long? row, string? column, string problem)
    {
        var where = file;
        if (row is { } r)
        {
            where += string.Create(System.Globalization.CultureInfo.InvariantCulture, $", line {r}");
        }

        if (column is not null)
        {
            where += $", column '{column}'";
        }

        return $"{where}: {problem}";
    }
}

/// <summary>A column that does not fit what is asked of it: names the column.</summary>
public sealed class SchemaException : DoppelException
{
    /// <summary>Creates the exception for <paramref name="column"/>.</summary>
    public SchemaException(string column, string problem)
        : base(column.Length == 0 ? problem : $"column '{column}': {problem}")
    {
        Column = column;
    }

    /// <summary>The column concerned.</summary>
    public string Column { get; }
}

/// <summary>Options that are invalid: lists every bad field at once.</summary>
public sealed class InvalidOptionsException : DoppelException
{
    /// <summary>Creates the exception from the list of problems, each naming its field.</summary>
    public InvalidOptionsException(string what, IReadOnlyList<string> problems)
        : base($"invalid {what}: {string.Join("; ", problems)}")
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming its field.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>A model file that cannot be loaded: truncated, foreign, too new, or tampered with.</summary>
public sealed class ModelFileException : DoppelException
{
    /// <summary>Creates the exception for <paramref name="file"/>.</summary>
    public ModelFileException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
    }

    /// <summary>The model file concerned.</summary>
    public string File { get; }
}
