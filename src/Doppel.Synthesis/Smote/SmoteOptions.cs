using System.Globalization;

namespace Doppel.Synthesis.Smote;

/// <summary>Hyperparameters of the <c>smote</c> synthesizer (defaults of imbalanced-learn's SMOTE-NC).</summary>
public sealed record SmoteOptions
{
    /// <summary>Nearest neighbours each row may interpolate towards (default 5, at least 1).</summary>
    public int Neighbours { get; init; } = 5;

    /// <summary>
    /// A discrete column whose classes are kept apart: neighbours are searched within the row's own class
    /// (default null: all rows are one class).
    /// </summary>
    public string? Target { get; init; }

    /// <summary>Checks every field; throws one exception listing all problems.</summary>
    /// <exception cref="InvalidOptionsException">Some field is out of range.</exception>
    public void Validate()
    {
        if (Neighbours < 1)
        {
            throw new InvalidOptionsException("smote options", [string.Create(CultureInfo.InvariantCulture, $"neighbours is {Neighbours}; it must be at least 1")]);
        }
    }
}
