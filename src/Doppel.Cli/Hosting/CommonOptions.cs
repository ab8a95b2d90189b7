using System.CommandLine;
using System.Globalization;

namespace Doppel.Cli;

/// <summary>Options several commands share, built fresh for each command.</summary>
public static class CommonOptions
{
    /// <summary><c>--seed S</c>: the root seed (a number from 0 to 2⁶⁴-1); without it a seed is drawn and printed.</summary>
    public static Option<ulong?> Seed() => new("--seed")
    {
        Description = "Root seed; the same seed and inputs give the same bytes. Without it a seed is drawn and printed.",
        HelpName = "S",
    };

    /// <summary><c>-o/--output PATH</c>, required.</summary>
    public static Option<string> Output(string description, string helpName = "FILE") => new("--output", "-o")
    {
        Description = description,
        HelpName = helpName,
        Required = true,
    };

    /// <summary>The seed given by <paramref name="option"/>, or a drawn one announced on stderr so the run can be replayed.</summary>
    public static ulong SeedOrDraw(ParseResult parse, Option<ulong?> option, CliContext context, string what)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        if (parse.GetValue(option) is { } seed)
        {
            return seed;
        }

        var drawn = CliContext.DrawSeed();
        context.Say(string.Create(CultureInfo.InvariantCulture, $"{what} seed: {drawn} (pass --seed {drawn} to repeat this run)"));
        return drawn;
    }
}
