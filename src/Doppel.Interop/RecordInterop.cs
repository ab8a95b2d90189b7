using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Doppel.Data;

namespace Doppel.Interop;

/// <summary>
/// <see cref="Table"/> from any sequence of .NET objects and back to typed records. Columns come from the public
/// readable instance properties, in declaration order: <c>double</c>, <c>float</c>, <c>decimal</c> are continuous;
/// integer types are integer; <c>bool</c> is boolean; <c>string</c> and enums are categorical (an enum's categories
/// are its names); <see cref="Guid"/> is an identifier; <see cref="DateTime"/> and <see cref="DateOnly"/> are
/// date-times. A null (including <see cref="Nullable{T}"/> without a value) is a missing value.
/// </summary>
public static class RecordInterop
{
    private const string DateOnlyFormat = "yyyy-MM-dd";

    extension(Table)
    {
        /// <summary>A table with one row per record and one column per supported public property.</summary>
        /// <param name="records">The rows.</param>
        /// <param name="identifiers">Names of <c>string</c> properties to treat as identifiers (unique keys, names) rather than categories.</param>
        /// <exception cref="SchemaException">A public property has a type with no column kind.</exception>
        public static Table FromRecords<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IEnumerable<T> records, IEnumerable<string>? identifiers = null)
        {
            ArgumentNullException.ThrowIfNull(records);
            var rows = records.Select(r => (object?)r).ToList();
            var ids = new HashSet<string>(identifiers ?? [], StringComparer.Ordinal);
            var columns = Properties(typeof(T)).Select(p => ToColumn(p, rows, ids.Contains(p.Name))).ToList();
            return new Table(columns);
        }
    }

    /// <summary>
    /// One <typeparamref name="T"/> per row. Properties are matched to columns by name (ignoring case). A type with a
    /// public parameterless constructor gets its settable (or init-only) properties set; otherwise the public
    /// constructor whose parameters all name columns is called (positional records). Columns without a property are
    /// ignored; properties without a column keep their defaults.
    /// </summary>
    /// <exception cref="SchemaException">A value does not fit its property (a missing value for a non-nullable property, a label that is not an enum name).</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no usable constructor.</exception>
    public static IReadOnlyList<T> ToRecords<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var type = typeof(T);
        var parameterless = type.GetConstructor(Type.EmptyTypes);
        var constructor = parameterless is not null || type.IsValueType ? null : Constructor(type, columns);
        var parameters = constructor?.GetParameters() ?? [];
        var setters = Properties(type)
            .Where(p => p.SetMethod is { IsPublic: true } && columns.ContainsKey(p.Name)
                && !parameters.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        var records = new T[table.RowCount];
        for (var row = 0; row < records.Length; row++)
        {
            object record;
            if (constructor is null)
            {
                record = Activator.CreateInstance(type)!;
            }
            else
            {
                var args = parameters.Select(q => Value(columns[q.Name!], row, q.ParameterType, q.Name!)).ToArray();
                record = constructor.Invoke(args);
            }

            foreach (var property in setters)
            {
                property.SetValue(record, Value(columns[property.Name], row, property.PropertyType, property.Name));
            }

            records[row] = (T)record;
        }

        return records;
    }

    private static PropertyInfo[] Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)];

    private static ConstructorInfo Constructor([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type, Dictionary<string, Column> columns) =>
        type.GetConstructors()
            .Where(c => c.GetParameters().All(p => p.Name is not null && columns.ContainsKey(p.Name)))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
        ?? throw new ArgumentException(
            $"{type.Name} has no public parameterless constructor and no public constructor whose parameters all name columns ({string.Join(", ", columns.Keys)})");

    private static Column ToColumn(PropertyInfo property, List<object?> rows, bool identifier)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var name = property.Name;
        var values = rows.Select(r => r is null ? null : property.GetValue(r)).ToArray();
        var missing = values.Select(v => v is null).ToArray();
        var anyMissing = missing.Any(m => m) ? missing : null;
        if (type == typeof(string))
        {
            var labels = values.Select(v => (string?)v).ToArray();
            return identifier ? new IdentifierColumn(name, labels) : CategoricalColumn.FromLabels(name, labels);
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            var codes = values.Select(v => v is null ? -1 : Array.IndexOf(names, Enum.GetName(type, v))).ToArray();
            return new CategoricalColumn(name, codes, [.. names]);
        }

        if (type == typeof(Guid))
        {
            return new IdentifierColumn(name, [.. values.Select(v => ((Guid?)v)?.ToString())]);
        }

        if (type == typeof(bool))
        {
            return new BooleanColumn(name, [.. values.Select(v => v is true)], anyMissing);
        }

        if (type == typeof(DateTime))
        {
            return new DateTimeColumn(name, [.. values.Select(v => v is DateTime d ? d.Ticks : 0)], anyMissing);
        }

        if (type == typeof(DateOnly))
        {
            return new DateTimeColumn(name, [.. values.Select(v => v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue).Ticks : 0)], anyMissing, DateOnlyFormat);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new NumericColumn(name, [.. values.Select(v => v is null ? 0 : Convert.ToDouble(v, CultureInfo.InvariantCulture))], anyMissing);
        }

        if (IsInteger(type))
        {
            return new IntegerColumn(name, [.. values.Select(v => v is null ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture))], anyMissing);
        }

        throw new SchemaException(name, $"properties of type {property.PropertyType.Name} have no column kind; use a number, bool, string, enum, Guid, DateTime or DateOnly");
    }

    private static bool IsInteger(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);

    private static object? Value(Column column, int row, Type target, string property)
    {
        var nullable = Nullable.GetUnderlyingType(target);
        var type = nullable ?? target;
        if (column.IsMissing(row) || (column is CategoricalColumn { } c && c.Codes[row] < 0) || (column is IdentifierColumn i && i.Values[row] is null))
        {
            return nullable is not null || !target.IsValueType
                ? null
                : throw new SchemaException(column.Name, $"row {row + 1} is missing but property {property} ({target.Name}) cannot be null; make it nullable");
        }

        try
        {
            return column switch
            {
                _ when type == typeof(string) => column.FormatValue(row),
                CategoricalColumn cat when type.IsEnum => Enum.Parse(type, cat.Categories[cat.Codes[row]], ignoreCase: false),
                IdentifierColumn id when type == typeof(Guid) => Guid.Parse(id.Values[row]!, CultureInfo.InvariantCulture),
                BooleanColumn b when type == typeof(bool) => b.Values[row],
                DateTimeColumn d when type == typeof(DateTime) => new DateTime(d.Ticks[row], DateTimeKind.Unspecified),
                DateTimeColumn d when type == typeof(DateOnly) => DateOnly.FromDateTime(new DateTime(d.Ticks[row], DateTimeKind.Unspecified)),
                NumericColumn n when type == typeof(double) || type == typeof(float) || type == typeof(decimal) =>
                    Convert.ChangeType(n.Values[row], type, CultureInfo.InvariantCulture),
                NumericColumn n when IsInteger(type) => Convert.ChangeType(Math.Round(n.Values[row]), type, CultureInfo.InvariantCulture),
                IntegerColumn n when IsInteger(type) || type == typeof(double) || type == typeof(float) || type == typeof(decimal) =>
                    Convert.ChangeType(n.Values[row], type, CultureInfo.InvariantCulture),
                _ => throw new SchemaException(column.Name, $"a {column.Kind} column cannot fill property {property} ({target.Name})"),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new SchemaException(column.Name, $"row {row + 1} does not fit property {property} ({target.Name}): {e.Message}");
        }
    }
}
