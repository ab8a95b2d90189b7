using System.CommandLine;
using System.Globalization;
using Doppel.Data;
using Doppel.Synthesis;
using Doppel.Synthesis.Balancing;

namespace Doppel.Cli.Commands;

/// <summary>
/// <c>doppel sample MODEL --balance COL -o OUT</c>: writes only the rows that bring each class of COL up to the
/// training count of the largest class (<see cref="ClassBalancer"/>), instead of <c>-n</c> rows.
/// </summary>
internal static class Balance
{
    /// <summary>Adds <c>--balance</c> to the sample command, and the rule that exactly one of it and <paramref name="rows"/> is given.</summary>
    public static Option<string?> AddTo(Command command, Option<long> rows)
    {
        var balance = new Option<string?>("--balance")
        {
            Description = "Instead of -n: generate only the rows that bring each class of this categorical or boolean column up to the " +
                "largest class's training count (smote interpolates within a class; gmm, pca-gmm and kde sample conditioned on it).",
            HelpName = "COLUMN",
        };
        command.Options.Add(balance);
        command.Validators.Add(result =>
        {
            var hasRows = result.GetResult(rows) is { Implicit: false };
            var hasBalance = result.GetValue(balance) is not null;
            if (hasRows == hasBalance)
            {
                result.AddError(hasRows
                    ? "give either -n ROWS or --balance COLUMN, not both: --balance decides how many rows each class needs."
                    : "give -n ROWS (how many rows to draw) or --balance COLUMN (the rows that balance a column).");
            }
        });
        return balance;
    }

    /// <summary>Generates the balancing rows of <paramref name="column"/>, writes them to <paramref name="location"/> and reports each class on stderr.</summary>
    public static long Run(CliContext context, ISynthesizerModel model, string column, ulong seed, TableLocation location, bool replace, CancellationToken cancellationToken)
    {
        var result = ClassBalancer.Balance(model, column, seed, cancellationToken);
        TableIO.Write(location, result.Rows, new TableSinkOptions { Replace = replace });
        foreach (var c in result.Classes)
        {
            context.Say(string.Create(CultureInfo.InvariantCulture, $"{column} = '{c.Label.Trim()}': {c.TrainingRows:N0} training rows, {c.Generated:N0} generated"));
        }

        return result.Rows.RowCount;
    }
}
