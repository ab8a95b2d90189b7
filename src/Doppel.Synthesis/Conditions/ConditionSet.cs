using System.Collections.Immutable;
using System.Globalization;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Conditions checked against a schema and compiled for fast evaluation. Categorical and boolean columns take
/// <c>=</c> and <c>!=</c>; numeric, integer and date columns take every operator.
/// </summary>
internal sealed class ConditionSet
{
    private readonly ImmutableArray<Compiled> _compiled;

    private ConditionSet(ImmutableArray<Compiled> compiled, ImmutableArray<Condition> conditions, ImmutableArray<ColumnConstraint> constraints)
    {
        _compiled = compiled;
        Conditions = conditions;
        Constraints = constraints;
    }

    /// <summary>The conditions, as given.</summary>
    public ImmutableArray<Condition> Conditions { get; }

    /// <summary>Whether there is nothing to check.</summary>
    public bool IsEmpty => _compiled.IsEmpty;

    /// <summary>The conditions merged per column, in schema order: what exact conditioning works from.</summary>
    internal ImmutableArray<ColumnConstraint> Constraints { get; }

    /// <summary>Checks <paramref name="conditions"/> against the model's schema and the labels each categorical column knows.</summary>
    /// <param name="conditions">The conditions.</param>
    /// <param name="schema">The model's schema.</param>
    /// <param name="categories">The labels of each categorical column, by column name (for "unknown label" messages).</param>
    /// <exception cref="InvalidOptionsException">
    /// A column is unknown, an operator does not fit its kind, a value cannot be read or is not a known label, or the
    /// conditions on a column contradict each other. Every problem is listed.
    /// </exception>
    public static ConditionSet Compile(ImmutableArray<Condition> conditions, TableSchema schema, IReadOnlyDictionary<string, ImmutableArray<string>>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        var compiled = ImmutableArray.CreateBuilder<Compiled>();
        foreach (var c in conditions)
        {
            var index = schema.TryIndexOf(c.Column);
            if (index < 0)
            {
                problems.Add($"'{c}': the model has no column '{c.Column}' (it has {string.Join(", ", schema.Columns.Select(s => s.Name))})");
                continue;
            }

            var kind = schema.Columns[index].Kind;
            switch (kind)
            {
                case ColumnKind.Identifier:
                    problems.Add($"'{c}': column '{c.Column}' is an identifier, made afresh for every row; it cannot be conditioned on");
                    continue;
                case ColumnKind.Categorical or ColumnKind.Boolean:
                    if (c.Operator is not (ConditionOperator.Equal or ConditionOperator.NotEqual))
                    {
                        problems.Add($"'{c}': column '{c.Column}' is {KindName(kind)}; use = or !=");
                        continue;
                    }

                    var label = c.Value;
                    if (categories is not null && categories.TryGetValue(c.Column, out var known) && !known.Contains(label))
                    {
                        var trimmed = known.FirstOrDefault(k => k.Trim() == label.Trim());
                        if (trimmed is null)
                        {
                            problems.Add($"'{c}': '{label}' is not a value of '{c.Column}' (values: {string.Join(", ", known.Take(20).Select(k => $"'{k}'"))}{(known.Length > 20 ? ", ..." : "")})");
                            continue;
                        }

                        label = trimmed;
                    }

                    compiled.Add(new Compiled(c with { Value = label }, index, double.NaN));
                    break;
                case ColumnKind.DateTime:
                    if (!DateTime.TryParse(c.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
                    {
                        problems.Add($"'{c}': column '{c.Column}' holds dates and '{c.Value.Trim()}' is not one (write it as 2024-01-31 or 2024-01-31T12:00:00)");
                        continue;
                    }

                    compiled.Add(new Compiled(c, index, instant.Ticks));
                    break;
                default:
                    if (!c.TryParseNumber(out var number))
                    {
                        problems.Add($"'{c}': column '{c.Column}' is {KindName(kind)} and '{c.Value.Trim()}' is not a number");
                        continue;
                    }

                    compiled.Add(new Compiled(c, index, number));
                    break;
            }
        }

        var constraints = compiled
            .GroupBy(x => x.Index)
            .OrderBy(g => g.Key)
            .Select(g => ColumnConstraint.Merge(g.Key, schema.Columns[g.Key].Kind, g.Select(x => (x.Condition, x.Number))))
            .ToImmutableArray();
        if (problems.Count == 0)
        {
            foreach (var constraint in constraints)
            {
                var known = categories is not null && categories.TryGetValue(schema.Columns[constraint.Index].Name, out var labels) ? labels : (ImmutableArray<string>?)null;
                if (constraint.Contradiction(known) is { } why)
                {
                    problems.Add($"the conditions contradict each other: {why}");
                }
            }
        }

        return problems.Count > 0
            ? throw new InvalidOptionsException("conditions", problems)
            : new ConditionSet(compiled.ToImmutable(), [.. compiled.Select(x => x.Condition)], constraints);
    }

    /// <summary>
    /// Checks <paramref name="conditions"/> against <paramref name="model"/> before any row is drawn: its columns, the
    /// labels it learned (for models that keep them) and each value's type.
    /// </summary>
    /// <exception cref="InvalidOptionsException">See <see cref="Compile"/>.</exception>
    public static ConditionSet For(ISynthesizerModel model, ImmutableArray<Condition> conditions)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model is ChunkedModel chunked ? chunked.CompileConditions(conditions) : Compile(conditions, model.Schema);
    }

    /// <summary>Marks the rows of <paramref name="table"/> that meet every condition; missing values never meet one.</summary>
    public bool[] Evaluate(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keep = new bool[table.RowCount];
        Array.Fill(keep, true);
        foreach (var c in _compiled)
        {
            var column = table[c.Index];
            for (var row = 0; row < keep.Length; row++)
            {
                if (keep[row])
                {
                    keep[row] = !column.IsMissing(row) && Meets(c, column, row);
                }
            }
        }

        return keep;
    }

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous => "numeric",
        ColumnKind.DateTime => "a date column",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static bool Meets(Compiled c, Column column, int row) => column switch
    {
        NumericColumn n => c.Condition.Compare(n.Values[row], c.Number),
        IntegerColumn i => c.Condition.Compare(i.Values[row], c.Number),
        DateTimeColumn d => c.Condition.Compare(d.Ticks[row], c.Number),
        _ => (column.FormatValue(row) == c.Condition.Value) == (c.Condition.Operator == ConditionOperator.Equal),
    };

    /// <summary>
    /// Gathers <paramref name="rows"/> rows meeting every condition from an exact conditional sampler: draws what is
    /// still missing (the first draw from <paramref name="rng"/>, top-ups from its forks), keeps the rows that pass and
    /// repeats. An exact sampler rejects only the rare draw that misses a secondary constraint, so a draw with no
    /// passing row means the sampler is wrong.
    /// </summary>
    /// <param name="rows">How many rows.</param>
    /// <param name="rng">The chunk's stream.</param>
    /// <param name="draw">Draws the given number of candidate rows from the given stream.</param>
    /// <param name="sampler">What drew them, for the error message (for example "the latent constraints").</param>
    internal Table SampleExactly(int rows, Rng rng, Func<int, Rng, Table> draw, string sampler)
    {
        var kept = new List<Table>();
        var have = 0;
        for (var attempt = 0; have < rows; attempt++)
        {
            var table = draw(rows - have, attempt == 0 ? rng : rng.Fork("top-up", attempt));
            var mask = Evaluate(table);
            var pass = Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();
            if (pass.Length == 0)
            {
                throw new DoppelException($"the conditions {string.Join(", ", Conditions)} could not be met by {sampler}; this is a bug, please report it.");
            }

            kept.Add(pass.Length == table.RowCount ? table : table.Take(pass));
            have += pass.Length;
        }

        return kept.Count == 1 ? kept[0] : TableConcat.Concat(kept);
    }

    private sealed record Compiled(Condition Condition, int Index, double Number);
}
