using BenchmarkDotNet.Attributes;
using Doppel.Benchmarks.Data;
using Doppel.Data;
using Doppel.Synthesis;
using Microsoft.Data.Sqlite;

namespace Doppel.Benchmarks.Sources;

/// <summary>
/// Writing 1,000,000 Adult-shaped rows (a Gaussian copula fitted on data/adult.csv, 15 columns, batches of 16,384)
/// into a CSV file and a new SQLite table. Baseline: the CSV sink. <see cref="SqliteRowByRow"/> is the SQLite insert
/// as it was before the bulk path (one prepared one-row INSERT through ADO.NET per row, in one transaction), kept as
/// the reference the sink is measured against. Rows/s = 1,000,000 / mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class SinkBenchmarks
{
    private const int Rows = 1_000_000;

    private string _folder = "";
    private List<Table> _batches = [];
    private TableSchema _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "doppel-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var adult = CsvTableReader.Read(CsvBenchmarkFiles.Bundled("adult.csv"));
        var model = new GaussianCopulaSynthesizer().Fit(adult, new FitOptions { Seed = 1 });
        _batches = [.. model.SampleBatches(Rows, new SampleOptions { Seed = 2, BatchSize = 16_384 })];
        _schema = model.Schema;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public long Csv() => Write(TableLocation.File(Fresh("out.csv")));

    [Benchmark]
    public long Sqlite() => Write(TableLocation.Sqlite(Fresh("out.db"), "adult"));

    [Benchmark]
    public long SqliteRowByRow()
    {
        var path = Fresh("rows.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE adult (" + string.Join(", ", _schema.Columns.Select((c, i) => $"c{i} {SqliteTableSink_TypeOf(c.Kind)}")) + ")";
            create.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        var parameters = _schema.Columns.Select((_, i) => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        insert.CommandText = "INSERT INTO adult VALUES (" + string.Join(", ", parameters.Select(p => p.ParameterName)) + ")";
        insert.Prepare();
        long rows = 0;
        foreach (var batch in _batches)
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                for (var c = 0; c < parameters.Length; c++)
                {
                    parameters[c].Value = ValueOf(batch[c], r);
                }

                insert.ExecuteNonQuery();
            }

            rows += batch.RowCount;
        }

        transaction.Commit();
        return rows;
    }

    private static string SqliteTableSink_TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Continuous => "REAL",
        ColumnKind.Integer => "INTEGER",
        _ => "TEXT",
    };

    private static object ValueOf(Column column, int row) => column.IsMissing(row) ? DBNull.Value : column switch
    {
        NumericColumn x => x.Values[row],
        IntegerColumn x => x.Values[row],
        CategoricalColumn x => x.Categories[x.Codes[row]],
        _ => column.FormatValue(row)!,
    };

    private long Write(TableLocation location)
    {
        using var sink = TableIO.CreateSink(location, _schema, new TableSinkOptions { Replace = true });
        foreach (var batch in _batches)
        {
            sink.WriteBatch(batch);
        }

        sink.Complete();
        return sink.RowsWritten;
    }

    private string Fresh(string name)
    {
        var path = Path.Combine(_folder, name);
        File.Delete(path);
        return path;
    }
}
