using Doppel.TestKit;
using Parquet;
using CompressionCodec = Parquet.Meta.CompressionCodec;
using ParquetEncoding = Parquet.Meta.Encoding;

namespace Doppel.Data.Tests;

public sealed class ParquetSinkTests : IDisposable
{
    private readonly TempFolder _folder = TestData.TempFolder();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_CategoricalColumn_IsDictionaryEncodedUnlessTurnedOff()
    {
        var table = FileSourceSinkTests.Mixed(2000, 3);
        var color = table.Schema.IndexOf("color");
        var id = table.Schema.IndexOf("id");

        var dictionary = Write("d.parquet", table, new ParquetTableSinkOptions());
        var plain = Write("p.parquet", table, new ParquetTableSinkOptions { DictionaryEncodeLabels = false });

        Assert.Contains(Encodings(dictionary, color), e => e is ParquetEncoding.PLAIN_DICTIONARY or ParquetEncoding.RLE_DICTIONARY);
        Assert.DoesNotContain(Encodings(plain, color), e => e is ParquetEncoding.PLAIN_DICTIONARY or ParquetEncoding.RLE_DICTIONARY);

        // Identifiers are all distinct: they stay plain either way.
        Assert.DoesNotContain(Encodings(dictionary, id), e => e is ParquetEncoding.PLAIN_DICTIONARY or ParquetEncoding.RLE_DICTIONARY);
        TableAssert.Equal(table, TableIO.Read(TableLocation.Parse(dictionary), new TableSourceOptions { Schema = table.Schema }));
        TableAssert.Equal(table, TableIO.Read(TableLocation.Parse(plain), new TableSourceOptions { Schema = table.Schema }));
    }

    [Fact]
    public void WriteBatch_MissingValuesInSomeBatchesAcrossRowGroups_ReadBackExactly()
    {
        // Batches of uneven sizes, some with missing values and some without, cut across row groups of 250 rows:
        // the present values are packed per row group with one definition level per row.
        var rng = new Rng(41);
        var rows = 1234;
        var x = new double[rows];
        var xMissing = new bool[rows];
        var label = new string?[rows];
        var when = new long[rows];
        var whenMissing = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            var quiet = i is >= 300 and < 700;
            x[i] = rng.NextGaussian();
            xMissing[i] = !quiet && rng.NextDouble() < 0.2;
            label[i] = !quiet && rng.NextDouble() < 0.1 ? null : rng.NextDouble() < 0.5 ? "a" : "b";
            when[i] = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks + (i * TimeSpan.TicksPerMinute);
            whenMissing[i] = i % 97 == 5;
        }

        var table = new Table([
            new NumericColumn("x", x, xMissing),
            CategoricalColumn.FromLabels("label", label),
            new DateTimeColumn("when", when, whenMissing, null),
        ]);
        var path = _folder.File("m.parquet");
        using (var sink = TableIO.CreateSink(TableLocation.Parse(path), table.Schema, new TableSinkOptions { Parquet = new ParquetTableSinkOptions { RowGroupRows = 250 } }))
        {
            int[] sizes = [1, 120, 37, 300, 211, 5];
            for (int start = 0, k = 0; start < rows; k++)
            {
                var size = Math.Min(sizes[k % sizes.Length], rows - start);
                sink.WriteBatch(table.Slice(start, size));
                start += size;
            }

            sink.Complete();
        }

        TableAssert.Equal(table, TableIO.Read(TableLocation.Parse(path), new TableSourceOptions { Schema = table.Schema }));
    }

    [Fact]
    public void Write_BooleanSchemaWithoutSpelling_KeepsTheSpellingOfTheValues()
    {
        // A table built from columns has a schema that says only "boolean"; the values carry yes/no.
        var table = new Table([new BooleanColumn("flag", [true, false, true], null, "yes", "no"), new IntegerColumn("n", [1, 2, 3])]);
        Assert.Null(table.Schema.Columns[0].Format);
        var path = Write("b.parquet", table, new ParquetTableSinkOptions());

        var back = TableIO.Read(TableLocation.Parse(path));

        Assert.Equal(["yes", "no", "yes"], Enumerable.Range(0, 3).Select(r => back.FormatValue(r, 0)));
        Assert.Equal("yes|no", back.Schema.Columns[0].Format);
    }

    [Fact]
    public void RoundTrip_CsvYesNoColumnThroughParquet_WritesYesNoAgain()
    {
        var csv = _folder.File("in.csv");
        File.WriteAllText(csv, "flag,n\nyes,1\nno,2\nno,3\nyes,4\n");
        var table = TableIO.Read(TableLocation.Parse(csv));
        var parquet = _folder.File("t.parquet");
        TableIO.Write(TableLocation.Parse(parquet), table);
        var again = _folder.File("out.csv");

        TableIO.Write(TableLocation.Parse(again), TableIO.Read(TableLocation.Parse(parquet)));

        Assert.Equal("flag,n\nyes,1\nno,2\nno,3\nyes,4\n", File.ReadAllText(again).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_SameTableTwice_GivesIdenticalBytes()
    {
        var table = FileSourceSinkTests.Mixed(3000, 8);
        var options = new ParquetTableSinkOptions { RowGroupRows = 1000 };

        var first = File.ReadAllBytes(Write("1.parquet", table, options));
        var second = File.ReadAllBytes(Write("2.parquet", table, options));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy, CompressionCodec.SNAPPY)]
    [InlineData(ParquetCompression.None, CompressionCodec.UNCOMPRESSED)]
    [InlineData(ParquetCompression.Gzip, CompressionCodec.GZIP)]
    [InlineData(ParquetCompression.Zstd, CompressionCodec.ZSTD)]
    [InlineData(ParquetCompression.Lz4, CompressionCodec.LZ4_RAW)]
    [InlineData(ParquetCompression.Brotli, CompressionCodec.BROTLI)]
    public void Write_EachCompression_RecordedInFooterAndReadBackExactly(ParquetCompression compression, CompressionCodec codec)
    {
        var table = FileSourceSinkTests.Mixed(500, 5);

        var path = Write("c.parquet", table, new ParquetTableSinkOptions { Compression = compression });

        Assert.All(Codecs(path), c => Assert.Equal(codec, c));
        TableAssert.Equal(table, TableIO.Read(TableLocation.Parse(path), new TableSourceOptions { Schema = table.Schema }));
    }

    private string Write(string name, Table table, ParquetTableSinkOptions options)
    {
        var path = _folder.File(name);
        TableIO.Write(TableLocation.Parse(path), table, new TableSinkOptions { Parquet = options });
        return path;
    }

    private static List<CompressionCodec> Codecs(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return reader.Metadata!.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!.Codec).ToList();
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static List<ParquetEncoding> Encodings(string path, int column)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        try
        {
            return reader.Metadata!.RowGroups.SelectMany(g => g.Columns[column].MetaData!.Encodings).ToList();
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
