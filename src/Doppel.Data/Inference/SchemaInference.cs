using System.Collections.Immutable;
using System.Globalization;

namespace Doppel.Data;

/// <summary>
/// Decides each column's kind from its values. The rules, in order, for a column with at least one value:
/// <list type="number">
/// <item>every value a whole number (int64, no leading zeros): <see cref="ColumnKind.Integer"/>; if the name reads as
/// a key (<c>id</c>, <c>user_id</c>, <c>userId</c>, <c>ID</c>) and every value is distinct, <see cref="ColumnKind.Identifier"/>;
/// otherwise offered as discrete (<see cref="ColumnSchema.IsDiscrete"/>) when it has at most
/// <see cref="DiscreteMaxDistinct"/> distinct values. A 0/1 column stays Integer unless declared boolean.</item>
/// <item>every value a finite number: <see cref="ColumnKind.Continuous"/>. <c>NaN</c>, <c>Inf</c> or any text make the
/// column non-numeric.</item>
/// <item>every value a date or date-time in one layout of <see cref="DateFormats"/> that writes back to the same text:
/// <see cref="ColumnKind.DateTime"/>, with the layout as <see cref="ColumnSchema.Format"/>.</item>
/// <item>every value one of a pair true/false or yes/no (any letter case, surrounding spaces allowed):
/// <see cref="ColumnKind.Boolean"/>, the spellings kept in <see cref="ColumnSchema.Format"/> as <c>true|false</c>.</item>
/// <item>text with more than <see cref="DistinctCap"/> distinct values, or more than
/// <see cref="IdentifierMinDistinct"/> distinct values making up over half of the values, or all distinct over at least
/// <see cref="UniqueIdentifierMinValues"/> values: <see cref="ColumnKind.Identifier"/>.</item>
/// <item>otherwise <see cref="ColumnKind.Categorical"/>, labels verbatim. A constant column is allowed.</item>
/// </list>
/// A column with no value at all cannot be inferred and is refused with a <see cref="SchemaException"/> unless an
/// override names its kind. Inference is idempotent: a table written by <see cref="CsvTableWriter"/> infers to the same schema.
/// </summary>
internal static class SchemaInference
{
    /// <summary>Integer columns with at most this many distinct values are offered as discrete.</summary>
    public const int DiscreteMaxDistinct = 10;

    /// <summary>Distinct values are counted up to this many per column; past it the column is an identifier and counting stops.</summary>
    public const int DistinctCap = 50_000;

    /// <summary>A text column with more distinct values than this, over half of its values, is an identifier.</summary>
    public const int IdentifierMinDistinct = 1_000;

    /// <summary>A text column whose values are all distinct is an identifier when it has at least this many values.</summary>
    public const int UniqueIdentifierMinValues = 100;

    /// <summary>The true/false spellings recognised for booleans; the numeric pair is used only when declared.</summary>
    internal static readonly ImmutableArray<(string True, string False)> BooleanPairs =
        [("true", "false"), ("yes", "no"), ("y", "n"), ("t", "f"), ("on", "off"), ("1", "0")];

    /// <summary>Infers the schema of one column from its values as text (null = missing).</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="values">The cells, verbatim; null or a missing token means missing.</param>
    /// <param name="missingTokens">Missing tokens (default: <see cref="CsvReadOptions.DefaultMissingTokens"/>).</param>
    /// <exception cref="SchemaException">Every value is missing.</exception>
    public static ColumnSchema InferColumn(string name, IEnumerable<string?> values, IReadOnlyList<string>? missingTokens = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = new MissingTokens(missingTokens ?? CsvReadOptions.DefaultMissingTokens);
        var cells = values.ToList();
        var profile = Profile(new ColumnProfile(name), cells, missing);
        if (profile.SwitchedToText)
        {
            // Numbers first, then text: look again, counting every value as text.
            profile = Profile(new ColumnProfile(name, forceText: true), cells, missing);
        }

        return Decide(profile, null);
    }

    private static ColumnProfile Profile(ColumnProfile profile, List<string?> cells, MissingTokens missing)
    {
        foreach (var value in cells)
        {
            if (value is null || missing.IsMissing(value))
            {
                profile.AddMissing();
            }
            else
            {
                profile.Add(value);
            }
        }

        return profile;
    }

    /// <summary>The inferred schema of one profiled column, with its override if any.</summary>
    internal static ColumnSchema Decide(ColumnProfile profile, SchemaOverrides? overrides)
    {
        var nullable = profile.MissingCount > 0;
        var asked = overrides?.Entries().Where(e => e.Column == profile.Name).Select(e => e.List).FirstOrDefault();
        if (asked is not null)
        {
            return Override(profile, asked) with { IsNullable = nullable };
        }

        if (profile.ValueCount == 0)
        {
            throw new SchemaException(profile.Name,
                $"every one of its {profile.MissingCount} cells is missing, so its kind cannot be inferred; drop the column or name its kind with an override (for example --discrete {profile.Name}).");
        }

        return Infer(profile) with { IsNullable = nullable };
    }

    private static ColumnSchema Infer(ColumnProfile profile)
    {
        var name = profile.Name;
        if (profile.AllIntegers)
        {
            if (LooksLikeKey(name) && (profile.DistinctOverflow || profile.DistinctCount == profile.ValueCount))
            {
                return new ColumnSchema(name, ColumnKind.Identifier);
            }

            return new ColumnSchema(name, ColumnKind.Integer)
            {
                IsDiscrete = !profile.DistinctOverflow && profile.DistinctCount <= DiscreteMaxDistinct,
            };
        }

        if (profile.AllNumbers)
        {
            return new ColumnSchema(name, ColumnKind.Continuous);
        }

        if (profile.DateMask != 0)
        {
            var k = System.Numerics.BitOperations.TrailingZeroCount(profile.DateMask);
            return new ColumnSchema(name, ColumnKind.DateTime) { Format = DateFormats.All[k] };
        }

        if (BooleanSpelling(profile, includeNumeric: false) is { } spelling)
        {
            return new ColumnSchema(name, ColumnKind.Boolean) { Format = spelling };
        }

        var distinct = profile.DistinctCount;
        var isIdentifier = profile.DistinctOverflow
            || (distinct > IdentifierMinDistinct && distinct * 2L > profile.ValueCount)
            || (distinct == profile.ValueCount && profile.ValueCount >= UniqueIdentifierMinValues);
        return new ColumnSchema(name, isIdentifier ? ColumnKind.Identifier : ColumnKind.Categorical);
    }

    private static ColumnSchema Override(ColumnProfile profile, string list)
    {
        var name = profile.Name;
        switch (list)
        {
            case "discrete":
                return new ColumnSchema(name, ColumnKind.Categorical);
            case "id":
                return new ColumnSchema(name, ColumnKind.Identifier);
            case "numeric":
                return new ColumnSchema(name, profile.AllIntegers && profile.ValueCount > 0 ? ColumnKind.Integer : ColumnKind.Continuous);
            default:
                if (profile.ValueCount == 0)
                {
                    return new ColumnSchema(name, ColumnKind.Boolean) { Format = "true|false" };
                }

                var spelling = BooleanSpelling(profile, includeNumeric: true)
                    ?? throw new SchemaException(name,
                        $"cannot be read as boolean: its values ({Sample(profile)}) are not one pair among true/false, yes/no, y/n, t/f, on/off and 1/0.");
                return new ColumnSchema(name, ColumnKind.Boolean) { Format = spelling };
        }
    }

    /// <summary>The spelling "true|false" when every distinct value is one side of one known pair, else null.</summary>
    private static string? BooleanSpelling(ColumnProfile profile, bool includeNumeric)
    {
        if (profile.DistinctOverflow || profile.DistinctCount is 0 or > 2)
        {
            return null;
        }

        var values = profile.Texts.Concat(profile.Numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))).ToArray();
        foreach (var (yes, no) in BooleanPairs)
        {
            if (yes == "1" && !includeNumeric)
            {
                continue;
            }

            string? trueText = null;
            string? falseText = null;
            foreach (var value in values)
            {
                var trimmed = value.Trim();
                if (trimmed.Equals(yes, StringComparison.OrdinalIgnoreCase) && trueText is null)
                {
                    trueText = value;
                }
                else if (trimmed.Equals(no, StringComparison.OrdinalIgnoreCase) && falseText is null)
                {
                    falseText = value;
                }
                else
                {
                    trueText = falseText = null;
                    break;
                }
            }

            if (trueText is not null || falseText is not null)
            {
                return $"{trueText ?? yes}|{falseText ?? no}";
            }
        }

        return null;
    }

    /// <summary>Whether a column name reads as a key: id, user_id, user-id, "user id", userId, UserID.</summary>
    internal static bool LooksLikeKey(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (trimmed.Length > 2)
        {
            var tail = trimmed[^2..];
            var before = trimmed[^3];
            return (tail.Equals("id", StringComparison.OrdinalIgnoreCase) && before is '_' or '-' or ' ' or '.')
                || ((tail == "Id" || tail == "ID") && char.IsLower(before));
        }

        return false;
    }

    private static string Sample(ColumnProfile profile) =>
        string.Join(", ", profile.Texts.Take(3).Concat(profile.Numbers.Take(3).Select(n => n.ToString(CultureInfo.InvariantCulture))).Take(3).Select(v => $"'{v}'"))
        + (profile.DistinctCount > 3 ? ", ..." : "");
}
