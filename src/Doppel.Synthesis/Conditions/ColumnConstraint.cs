using System.Collections.Immutable;
using Doppel.Data;

namespace Doppel.Synthesis;

/// <summary>
/// Every condition on one column merged into the set of values it allows. A numeric, integer or date column
/// allows an interval (<see cref="Lower"/> to <see cref="Upper"/>, each bound open or closed) minus the points of
/// <see cref="Excluded"/>; a discrete column allows one label (<see cref="Equal"/>) or all labels but
/// <see cref="Excluded"/>. Missing values are never allowed. Models that condition exactly read it; rejection
/// sampling only needs <see cref="ConditionSet.Evaluate"/>.
/// </summary>
internal sealed class ColumnConstraint
{
    /// <summary>
    /// Writes each pinned value into its column of <paramref name="table"/>: equality on a continuous column holds at a
    /// single latent point, and writing the value itself keeps it free of rounding in the way back from that point.
    /// </summary>
    internal static Table Pin(Table table, ReadOnlySpan<(int Column, double Value)> pinned)
    {
        if (pinned.IsEmpty)
        {
            return table;
        }

        var columns = table.Columns.ToArray();
        foreach (var (column, value) in pinned)
        {
            var values = new double[table.RowCount];
            Array.Fill(values, value);
            columns[column] = new NumericColumn(columns[column].Name, values);
        }

        return new Table(table.Schema, columns);
    }

    // Set when two different labels were asked for with =: no label can meet both.
    private bool _conflictingLabels;

    private ColumnConstraint(int index, ColumnKind kind, ImmutableArray<Condition> conditions)
    {
        Index = index;
        Kind = kind;
        Conditions = conditions;
    }

    /// <summary>The column's position in the schema.</summary>
    public int Index { get; }

    /// <summary>The column's kind.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The conditions on the column, as given.</summary>
    public ImmutableArray<Condition> Conditions { get; }

    /// <summary>Whether the column is numeric (continuous, integer or date: numbers or ticks).</summary>
    public bool IsNumeric => Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;

    /// <summary>The lowest allowed value (numeric columns), −∞ when unbounded.</summary>
    public double Lower { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether <see cref="Lower"/> itself is allowed.</summary>
    public bool LowerInclusive { get; private set; } = true;

    /// <summary>The highest allowed value (numeric columns), +∞ when unbounded.</summary>
    public double Upper { get; private set; } = double.PositiveInfinity;

    /// <summary>Whether <see cref="Upper"/> itself is allowed.</summary>
    public bool UpperInclusive { get; private set; } = true;

    /// <summary>The one allowed label of a discrete column, or null when several are.</summary>
    public string? Equal { get; private set; }

    /// <summary>Labels excluded by <c>!=</c> (discrete columns).</summary>
    public ImmutableHashSet<string> Excluded { get; private set; } = ImmutableHashSet<string>.Empty;

    /// <summary>Numbers excluded by <c>!=</c> (numeric columns; ticks for dates).</summary>
    public ImmutableHashSet<double> ExcludedNumbers { get; private set; } = ImmutableHashSet<double>.Empty;

    /// <summary>Whether the point constraint <c>= value</c> pins the column to one value.</summary>
    public bool IsPoint => IsNumeric && Lower == Upper;

    /// <summary>Merges the compiled conditions on column <paramref name="index"/>.</summary>
    public static ColumnConstraint Merge(int index, ColumnKind kind, IEnumerable<(Condition Condition, double Number)> conditions)
    {
        var list = conditions.ToList();
        var constraint = new ColumnConstraint(index, kind, [.. list.Select(c => c.Condition)]);
        var equalMismatch = false;
        foreach (var (c, number) in list)
        {
            if (!constraint.IsNumeric)
            {
                if (c.Operator == ConditionOperator.Equal)
                {
                    equalMismatch |= constraint.Equal is not null && constraint.Equal != c.Value;
                    constraint.Equal = c.Value;
                }
                else
                {
                    constraint.Excluded = constraint.Excluded.Add(c.Value);
                }

                continue;
            }

            switch (c.Operator)
            {
                case ConditionOperator.Equal:
                    constraint.TightenLower(number, true);
                    constraint.TightenUpper(number, true);
                    break;
                case ConditionOperator.NotEqual:
                    constraint.ExcludedNumbers = constraint.ExcludedNumbers.Add(number);
                    break;
                case ConditionOperator.Greater or ConditionOperator.GreaterOrEqual:
                    constraint.TightenLower(number, c.Operator == ConditionOperator.GreaterOrEqual);
                    break;
                default:
                    constraint.TightenUpper(number, c.Operator == ConditionOperator.LessOrEqual);
                    break;
            }
        }

        constraint._conflictingLabels = equalMismatch;
        return constraint;
    }

    /// <summary>
    /// Why no value can meet every condition, or null when some can. <paramref name="labels"/> lists the labels of a
    /// discrete column when the model knows them.
    /// </summary>
    public string? Contradiction(ImmutableArray<string>? labels)
    {
        if (!IsNumeric)
        {
            var empty = _conflictingLabels
                || (Equal is not null && Excluded.Contains(Equal))
                || (Equal is null && labels is { } known && known.All(Excluded.Contains));
            return empty ? $"no value of '{Column}' is allowed by all of {string.Join(", ", Conditions)}" : null;
        }

        var (lower, upper) = (Lower, Upper);
        if (Kind is ColumnKind.Integer or ColumnKind.DateTime)
        {
            // Whole numbers (ticks): the smallest and largest allowed integers.
            lower = double.IsInfinity(lower) ? lower : (LowerInclusive ? Math.Ceiling(lower) : Math.Floor(lower) + 1);
            upper = double.IsInfinity(upper) ? upper : (UpperInclusive ? Math.Floor(upper) : Math.Ceiling(upper) - 1);
            if (lower > upper)
            {
                return $"'{Column}' holds whole numbers and none of them meets all of {string.Join(", ", Conditions)}";
            }
        }
        else if (lower > upper || (lower == upper && !(LowerInclusive && UpperInclusive)))
        {
            return $"no value of '{Column}' meets all of {string.Join(", ", Conditions)}";
        }

        return lower == upper && ExcludedNumbers.Contains(lower)
            ? $"no value of '{Column}' meets all of {string.Join(", ", Conditions)}"
            : null;
    }

    /// <summary>Whether the numeric value <paramref name="x"/> is allowed (integers and ticks as doubles).</summary>
    public bool Allows(double x)
    {
        if (double.IsNaN(x))
        {
            return false;
        }

        var aboveLower = LowerInclusive ? x >= Lower : x > Lower;
        var belowUpper = UpperInclusive ? x <= Upper : x < Upper;
        return aboveLower && belowUpper && !ExcludedNumbers.Contains(x);
    }

    /// <summary>Whether the label <paramref name="label"/> of a discrete column is allowed.</summary>
    public bool Allows(string label) => !_conflictingLabels && (Equal is null || Equal == label) && !Excluded.Contains(label);

    private string Column => Conditions[0].Column;

    private void TightenLower(double value, bool inclusive)
    {
        if (value > Lower || (value == Lower && !inclusive))
        {
            Lower = value;
            LowerInclusive = inclusive;
        }
    }

    private void TightenUpper(double value, bool inclusive)
    {
        if (value < Upper || (value == Upper && !inclusive))
        {
            Upper = value;
            UpperInclusive = inclusive;
        }
    }
}
