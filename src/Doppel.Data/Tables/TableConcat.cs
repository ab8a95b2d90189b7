using System.Collections.Immutable;

namespace Doppel.Data;

/// <summary>Joins tables of one schema end to end (for example the batches of a streamed sample).</summary>
public static class TableConcat
{
    /// <summary>
    /// Concatenates <paramref name="tables"/> row-wise. All must share names and kinds; categorical
    /// dictionaries are merged in order of first appearance.
    /// </summary>
    /// <exception cref="ArgumentException">The tables are empty or their schemas differ.</exception>
    public static Table Concat(IReadOnlyList<Table> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            throw new ArgumentException("nothing to concatenate", nameof(tables));
        }

        if (tables.Count == 1)
        {
            return tables[0];
        }

        var first = tables[0];
        foreach (var t in tables)
        {
            if (t.ColumnCount != first.ColumnCount ||
                !t.Schema.Columns.Select(c => (c.Name, c.Kind)).SequenceEqual(first.Schema.Columns.Select(c => (c.Name, c.Kind))))
            {
                throw new ArgumentException("tables with different columns cannot be concatenated", nameof(tables));
            }
        }

        var rows = tables.Sum(t => t.RowCount);
        var columns = new Column[first.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            var parts = tables.Select(t => t[c]).ToArray();
            columns[c] = ConcatColumn(parts, rows);
        }

        var schema = new TableSchema([.. first.Schema.Columns.Select((s, c) =>
            s with { IsNullable = tables.Any(t => t.Schema.Columns[c].IsNullable) || columns[c].HasMissing })]);
        return new Table(schema, columns);
    }

    private static Column ConcatColumn(Column[] parts, int rows)
    {
        var missing = parts.Any(p => p.HasMissing) ? new bool[rows] : null;
        if (missing is not null)
        {
            var offset = 0;
            foreach (var p in parts)
            {
                p.Missing.CopyTo(missing.AsSpan(offset));
                offset += p.Length;
            }
        }

        var name = parts[0].Name;
        return parts[0] switch
        {
            NumericColumn => new NumericColumn(name, Join(parts.Select(p => ((NumericColumn)p).Values), rows), missing),
            IntegerColumn => new IntegerColumn(name, Join(parts.Select(p => ((IntegerColumn)p).Values), rows), missing),
            BooleanColumn b => new BooleanColumn(name, Join(parts.Select(p => ((BooleanColumn)p).Values), rows), missing, b.TrueText, b.FalseText),
            DateTimeColumn d => new DateTimeColumn(name, Join(parts.Select(p => ((DateTimeColumn)p).Ticks), rows), missing, d.Format),
            IdentifierColumn => new IdentifierColumn(name, Join(parts.Select(p => ((IdentifierColumn)p).Values), rows)),
            CategoricalColumn => ConcatCategorical(name, parts.Cast<CategoricalColumn>().ToArray(), rows),
            _ => throw new ArgumentException($"unknown column type {parts[0].GetType().Name}", nameof(parts)),
        };
    }

    private static T[] Join<T>(IEnumerable<T[]> arrays, int rows)
    {
        var result = new T[rows];
        var offset = 0;
        foreach (var a in arrays)
        {
            a.CopyTo(result, offset);
            offset += a.Length;
        }

        return result;
    }

    private static CategoricalColumn ConcatCategorical(string name, CategoricalColumn[] parts, int rows)
    {
        var codes = new int[rows];
        var sameDictionary = parts.All(p => p.Categories == parts[0].Categories || p.Categories.SequenceEqual(parts[0].Categories));
        if (sameDictionary)
        {
            return new CategoricalColumn(name, Join(parts.Select(p => p.Codes), rows), parts[0].Categories);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = ImmutableArray.CreateBuilder<string>();
        var offset = 0;
        foreach (var part in parts)
        {
            var map = new int[part.Categories.Length];
            for (var k = 0; k < map.Length; k++)
            {
                if (!index.TryGetValue(part.Categories[k], out var code))
                {
                    code = categories.Count;
                    index.Add(part.Categories[k], code);
                    categories.Add(part.Categories[k]);
                }

                map[k] = code;
            }

            foreach (var c in part.Codes)
            {
                codes[offset++] = c < 0 ? -1 : map[c];
            }
        }

        return new CategoricalColumn(name, codes, categories.ToImmutable());
    }
}
