using System.Collections.Immutable;
using System.CommandLine;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.Cli;

/// <summary>
/// <c>--condition "COL OP VALUE"</c>, repeatable: every sampled row meets all of them. The conditions are checked
/// against the model (its columns, the labels it learned, the type of each value, contradictions) before any row is
/// drawn or any output is opened.
/// </summary>
internal sealed class ConditionOptions
{
    /// <summary>The option itself.</summary>
    public Option<string[]> Condition { get; } = new("--condition")
    {
        Description = "Only rows meeting COL=VALUE, COL!=VALUE, COL<V, COL<=V, COL>V or COL>=V (repeatable; all must hold). " +
            "The value is taken verbatim after the operator, e.g. --condition \"income= >50K\" --condition \"age>=40\".",
        HelpName = "COND",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Condition);
    }

    /// <summary>The conditions given, checked against <paramref name="model"/>.</summary>
    /// <exception cref="InvalidOptionsException">A condition cannot be read or does not fit the model; every problem is listed.</exception>
    public ImmutableArray<Condition> Read(ParseResult parse, ISynthesizerModel model)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var texts = parse.GetValue(Condition) ?? [];
        var problems = new List<string>();
        var conditions = ImmutableArray.CreateBuilder<Condition>();
        foreach (var text in texts)
        {
            try
            {
                conditions.Add(Synthesis.Condition.Parse(text));
            }
            catch (InvalidOptionsException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException("--condition", problems);
        }

        var result = conditions.ToImmutable();
        _ = ConditionSet.For(model, result);
        return result;
    }
}
