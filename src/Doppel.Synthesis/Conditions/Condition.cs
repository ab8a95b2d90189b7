using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>A comparison operator in a sampling condition.</summary>
public enum ConditionOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

/// <summary>
/// A condition on generated rows, such as <c>income= &gt;50K</c> or <c>age&gt;=40</c>. The value is everything after
/// the operator, verbatim (Adult's labels begin with a space); numeric values are parsed after trimming.
/// </summary>
/// <param name="Column">The column it constrains.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with, as written.</param>
public sealed record Condition(string Column, ConditionOperator Operator, string Value)
{
    private static readonly (string Text, ConditionOperator Op)[] Operators =
    [
        (">=", ConditionOperator.GreaterOrEqual),
        ("<=", ConditionOperator.LessOrEqual),
        ("!=", ConditionOperator.NotEqual),
        ("=", ConditionOperator.Equal),
        ("<", ConditionOperator.Less),
        (">", ConditionOperator.Greater),
    ];

    /// <summary>Parses <c>COLUMN OP VALUE</c>: the first operator in the text splits it.</summary>
    /// <exception cref="InvalidOptionsException">No operator or no column name.</exception>
    public static Condition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var best = -1;
        var op = ConditionOperator.Equal;
        var length = 0;
        foreach (var (symbol, candidate) in Operators)
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best || (at == best && symbol.Length > length)))
            {
                best = at;
                op = candidate;
                length = symbol.Length;
            }
        }

        var column = best < 0 ? "" : text[..best].Trim();
        if (best < 0 || column.Length == 0)
        {
            throw new InvalidOptionsException("condition", [$"'{text}' is not COLUMN=VALUE, COLUMN!=VALUE, COLUMN<VALUE, COLUMN<=VALUE, COLUMN>VALUE or COLUMN>=VALUE"]);
        }

        return new Condition(column, op, text[(best + length)..]);
    }

    /// <summary>The condition as it would be typed.</summary>
    public override string ToString() => Column + Operator switch
    {
        ConditionOperator.Equal => "=",
        ConditionOperator.NotEqual => "!=",
        ConditionOperator.Less => "<",
        ConditionOperator.LessOrEqual => "<=",
        ConditionOperator.Greater => ">",
        _ => ">=",
    } + Value;

    internal bool Compare(double x, double bound) => Operator switch
    {
        ConditionOperator.Equal => x == bound,
        ConditionOperator.NotEqual => x != bound,
        ConditionOperator.Less => x < bound,
        ConditionOperator.LessOrEqual => x <= bound,
        ConditionOperator.Greater => x > bound,
        _ => x >= bound,
    };

    internal bool TryParseNumber(out double value) =>
        double.TryParse(Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
