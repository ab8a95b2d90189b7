using Parquet;
using Parquet.Schema;

namespace Doppel.Data;

/// <summary>
/// Reads an Apache Parquet file one row group at a time. A file written by <see cref="ParquetTableSink"/> carries its
/// schema and reads back exactly; for other files the kinds follow the column types (floating point and decimal:
/// continuous; integers: integer; boolean; dates and timestamps: date-time; strings: labels or identifiers, decided
/// from the values as for CSV).
/// </summary>
internal sealed class ParquetTableSource : ITableSource
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;

    private ParquetTableSource(string path, FileStream stream, ParquetReader reader, DataField[] fields, TableSchema schema)
    {
        Description = path;
        _stream = stream;
        _reader = reader;
        _fields = fields;
        Schema = schema;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public TableSchema Schema { get; }

    /// <summary>Opens <paramref name="path"/> and settles its schema.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="schema">A schema to read with (names must match the file's columns in order); null to use the stored or inferred one.</param>
    /// <exception cref="DataFormatException">The file is missing, not Parquet, holds nested or unsupported columns, or differs from <paramref name="schema"/>.</exception>
    public static ParquetTableSource Open(string path, TableSchema? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, null, null, "the file does not exist; check the path.", e);
        }

        ParquetReader reader;
        try
        {
            reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            stream.Dispose();
            throw new DataFormatException(path, null, null, $"not a readable Parquet file: {e.Message}", e);
        }

        try
        {
            var fields = reader.Schema.DataFields;
            if (fields.Length != reader.Schema.Fields.Count || fields.Any(f => f.IsArray))
            {
                throw new DataFormatException(path, null, null, "the file has nested or repeated columns; only flat tables can be read.");
            }

            var settled = schema ?? Stored(path, reader, fields) ?? Infer(path, reader, fields);
            CheckNames(path, settled, fields);
            return new ParquetTableSource(path, stream, reader, fields, settled);
        }
        catch
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IEnumerable<Table> ReadBatches(int batchRows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var table = ReadGroup(g);
            for (var start = 0; start < table.RowCount; start += batchRows)
            {
                yield return start == 0 && table.RowCount <= batchRows ? table : table.Slice(start, Math.Min(batchRows, table.RowCount - start));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }

    private static TableSchema? Stored(string path, ParquetReader reader, DataField[] fields)
    {
        if (reader.CustomMetadata is null || !reader.CustomMetadata.TryGetValue(ParquetTableSink.SchemaKey, out var json))
        {
            return null;
        }

        var schema = TableSchemaJson.Deserialize(json, path);
        return schema.Columns.Select(c => c.Name).SequenceEqual(fields.Select(f => f.Name), StringComparer.Ordinal) ? schema : null;
    }

    private static void CheckNames(string path, TableSchema schema, DataField[] fields)
    {
        if (!schema.Columns.Select(c => c.Name).SequenceEqual(fields.Select(f => f.Name), StringComparer.Ordinal))
        {
            throw new DataFormatException(path, null, null,
                $"the columns ({string.Join(", ", fields.Select(f => f.Name))}) do not match the schema ({string.Join(", ", schema.Columns.Select(c => c.Name))}).");
        }
    }

    private static TableSchema Infer(string path, ParquetReader reader, DataField[] fields)
    {
        var columns = new ColumnSchema[fields.Length];
        var textProfiles = new Dictionary<int, TextKindProfile>();
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
            ColumnKind? kind = type switch
            {
                _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => ColumnKind.Continuous,
                _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte) ||
                       type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) => ColumnKind.Integer,
                _ when type == typeof(bool) => ColumnKind.Boolean,
                _ when type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) => ColumnKind.DateTime,
                _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => null,
                _ => throw new DataFormatException(path, null, field.Name, $"the column's type ({type.Name}) is not supported; tables hold numbers, booleans, dates and text."),
            };
            if (kind is { } k)
            {
                columns[i] = new ColumnSchema(field.Name, k) { IsNullable = field.IsNullable };
            }
            else
            {
                textProfiles[i] = new TextKindProfile(field.Name);
            }
        }

        if (textProfiles.Count > 0)
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                foreach (var (i, profile) in textProfiles)
                {
                    var values = new string?[group.RowCount];
                    group.ReadAsync(fields[i], values.AsMemory()!).AsTask().GetAwaiter().GetResult();
                    foreach (var value in values)
                    {
                        profile.Add(value);
                    }
                }
            }

            foreach (var (i, profile) in textProfiles)
            {
                columns[i] = profile.Decide() with { IsNullable = fields[i].IsNullable };
            }
        }

        return new TableSchema([.. columns]);
    }

    private Table ReadGroup(int index)
    {
        using var group = _reader.OpenRowGroupReader(index);
        var rows = checked((int)group.RowCount);
        var columns = new Column[_fields.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = ParquetColumnReader.Read(group, _fields[c], Schema.Columns[c], rows, Description);
        }

        return new Table(Schema, columns);
    }
}
