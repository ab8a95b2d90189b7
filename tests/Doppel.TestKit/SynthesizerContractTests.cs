using System.IO.Compression;
using System.Text;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.TestKit;

/// <summary>
/// The contract every synthesizer meets. A synthesizer's test class derives from this class and supplies
/// <see cref="CreateSynthesizer"/> (small, fast hyperparameters are fine); xUnit then runs every test below for it.
/// <list type="bullet">
/// <item>awkward tables fit and sample: constant columns, all-missing columns, one row, thousands of categories;</item>
/// <item>samples match the schema (names, kinds, row count), identifiers come back fresh and unique;</item>
/// <item>same seed gives the same bytes whatever the batch size; another seed gives other rows;</item>
/// <item>a fit is reproducible (same model bytes, whatever the thread count), and save then load gives identical samples;</item>
/// <item>truncated, foreign, garbage and tampered model files are refused with <see cref="ModelFileException"/>;</item>
/// <item>cancellation is honoured by fit and by sampling.</item>
/// </list>
/// Override <see cref="TrainingRows"/> to use fewer rows when a synthesizer is slow to fit.
/// </summary>
public abstract class SynthesizerContractTests
{
    /// <summary>Rows of the mixed training table.</summary>
    protected virtual int TrainingRows => 2000;

    /// <summary>A fresh synthesizer to test.</summary>
    private protected abstract ISynthesizer CreateSynthesizer();

    /// <summary>The registry every built-in model file is read with.</summary>
    private protected virtual SynthesizerRegistry Registry => BuiltInSynthesizers.Registry;

    [Fact]
    public void Fit_MixedTable_SamplesMatchSchema()
    {
        var data = TestTables.Mixed(TrainingRows, 1);

        var sample = Fit(data).Sample(3000, new SampleOptions { Seed = 2 });

        Assert.Equal(3000, sample.RowCount);
        Assert.Equal(data.Schema.Columns.Select(c => (c.Name, c.Kind)), sample.Schema.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(data.Columns.Select(c => c.GetType()), sample.Columns.Select(c => c.GetType()));
        var labels = ((CategoricalColumn)data["color"]).Categories;
        var color = (CategoricalColumn)sample["color"];
        Assert.All(Enumerable.Range(0, color.Length), i => Assert.Contains(color.FormatValue(i), labels));
        var flag = (BooleanColumn)sample["flag"];
        Assert.Equal(("yes", "no"), (flag.TrueText, flag.FalseText));
        Assert.Equal("yyyy-MM-dd HH:mm:ss", ((DateTimeColumn)sample["when"]).Format);
    }

    [Fact]
    public void Sample_IdentifierColumn_FreshUniqueValues()
    {
        var data = TestTables.Mixed(TrainingRows, 3);

        var ids = (IdentifierColumn)Fit(data).Sample(5000, new SampleOptions { Seed = 4 })["id"];

        Assert.Equal(5000, ids.Values.Distinct().Count());
        Assert.All(ids.Values, v => Assert.NotNull(v));
    }

    [Fact]
    public void Fit_ConstantAndAllMissingColumns_SampledAsTheyAre()
    {
        var data = TestTables.Awkward(300, 5);

        var sample = Fit(data).Sample(1000, new SampleOptions { Seed = 6 });

        Assert.All(((NumericColumn)sample["constant"]).Values, v => Assert.Equal(4.25, v));
        Assert.All(((IntegerColumn)sample["constant_int"]).Values, v => Assert.Equal(7L, v));
        Assert.All(((CategoricalColumn)sample["one_label"]).Codes, c => Assert.Equal(0, c));
        Assert.Equal(1000, sample["empty"].MissingCount);
        Assert.Equal(1000, sample["empty_label"].MissingCount);
        Assert.Equal(0, sample["varying"].MissingCount);
    }

    [Fact]
    public void Fit_OneRow_SamplesThatRow()
    {
        var data = TestTables.Mixed(1, 7);

        var sample = Fit(data).Sample(50, new SampleOptions { Seed = 8 });

        Assert.Equal(50, sample.RowCount);
        foreach (var name in new[] { "n", "color", "flag", "when" })
        {
            var column = sample[name];
            Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(data[name].FormatValue(0), column.FormatValue(i)));
        }
    }

    [Fact]
    public void Fit_ThousandsOfCategories_SamplesKnownLabels()
    {
        var data = TestTables.ManyCategories(20_000, 5000, 9);

        var sample = Fit(data).Sample(4000, new SampleOptions { Seed = 10 });

        var labels = ((CategoricalColumn)sample["label"]).Codes;
        Assert.All(labels, c => Assert.InRange(c, 0, 4999));
        Assert.True(labels.Distinct().Count() > 1000, "a sample of 4,000 rows over 5,000 equally likely labels should hold well over 1,000 labels");
    }

    [Fact]
    public void Sample_SameSeed_SameBytesWhateverTheBatchSize()
    {
        var model = Fit(TestTables.Mixed(TrainingRows, 11));

        var whole = TestTables.Render(model.Sample(10_000, new SampleOptions { Seed = 12 }));
        var batched = TestTables.Render(TableConcat.Concat([.. model.SampleBatches(10_000, new SampleOptions { Seed = 12, BatchSize = 777 })]));

        Assert.Equal(whole, batched);
    }

    [Fact]
    public void Sample_OtherSeed_OtherRows()
    {
        var model = Fit(TestTables.Mixed(TrainingRows, 13));

        var a = model.Sample(500, new SampleOptions { Seed = 14 });
        var b = model.Sample(500, new SampleOptions { Seed = 15 });

        var x = (NumericColumn)a["x"];
        var y = (NumericColumn)b["x"];
        var same = Enumerable.Range(0, 500).Count(i => x.FormatValue(i) == y.FormatValue(i));
        Assert.True(same < 50, $"{same} of 500 rows agree between two seeds");
    }

    [Fact]
    public void Fit_SameSeed_SameModelBytes()
    {
        var data = TestTables.Mixed(TrainingRows, 16);

        var first = Bytes(Fit(data, seed: 17));
        var second = Bytes(Fit(data, seed: 17));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_OneThreadOrMany_SameModelBytes()
    {
        var data = TestTables.Mixed(TrainingRows, 24);

        var one = Bytes(CreateSynthesizer().Fit(data, new FitOptions { Seed = 25, MaxDegreeOfParallelism = 1 }));
        var many = Bytes(CreateSynthesizer().Fit(data, new FitOptions { Seed = 25, MaxDegreeOfParallelism = 4 }));

        Assert.Equal(one, many);
    }

    [Fact]
    public void SaveLoad_RoundTrip_IdenticalSamples()
    {
        var model = Fit(TestTables.Mixed(TrainingRows, 18));

        var loaded = ModelFile.Load(new MemoryStream(Bytes(model)), "model.doppel", Registry);

        Assert.Equal(model.SynthesizerName, loaded.SynthesizerName);
        Assert.Equal(model.Schema, loaded.Schema);
        Assert.Equal(model.FitSeed, loaded.FitSeed);
        var options = new SampleOptions { Seed = 19 };
        Assert.Equal(TestTables.Render(model.Sample(5000, options)), TestTables.Render(loaded.Sample(5000, options)));
    }

    [Fact]
    public void Load_TruncatedFile_Refused()
    {
        var bytes = Bytes(Fit(TestTables.Mixed(TrainingRows, 20)));

        foreach (var length in new[] { 0, 10, bytes.Length / 2, bytes.Length - 1 })
        {
            Assert.Throws<ModelFileException>(() => Load(bytes[..length]));
        }
    }

    [Fact]
    public void Load_ForeignFiles_Refused()
    {
        Assert.Throws<ModelFileException>(() => Load(Encoding.UTF8.GetBytes("age,income\n39,<=50K\n")));
        Assert.Throws<ModelFileException>(() => Load(Zip(("notes.txt", "hello"u8.ToArray()))));
        Assert.Throws<ModelFileException>(() => Load(Zip(("manifest.json", """{"format":"something-else","format_version":1}"""u8.ToArray()))));
    }

    [Fact]
    public void Load_TamperedBlock_Refused()
    {
        var bytes = Bytes(Fit(TestTables.Mixed(TrainingRows, 21)));

        using var tampered = new MemoryStream();
        tampered.Write(bytes);
        using (var zip = new ZipArchive(tampered, ZipArchiveMode.Update, leaveOpen: true))
        {
            var block = zip.Entries.First(e => e.FullName.StartsWith("blocks/", StringComparison.Ordinal));
            byte[] content;
            using (var s = block.Open())
            {
                using var copy = new MemoryStream();
                s.CopyTo(copy);
                content = copy.ToArray();
            }

            content[content.Length / 2] ^= 0x01;
            var name = block.FullName;
            block.Delete();
            using var w = zip.CreateEntry(name).Open();
            w.Write(content);
        }

        var error = Assert.Throws<ModelFileException>(() => Load(tampered.ToArray()));
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            CreateSynthesizer().Fit(TestTables.Mixed(TrainingRows, 22), new FitOptions { Seed = 1 }, null, cancelled.Token));
    }

    [Fact]
    public void SampleBatches_CancelledMidway_StopsAfterCurrentBatch()
    {
        var model = Fit(TestTables.Mixed(TrainingRows, 23));
        using var cancellation = new CancellationTokenSource();
        var batches = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var unused in model.SampleBatches(1_000_000, new SampleOptions { Seed = 1, BatchSize = 4096 }, cancellation.Token))
            {
                batches++;
                cancellation.Cancel();
            }
        });
        Assert.Equal(1, batches);
    }

    /// <summary>Fits the synthesizer under test with <paramref name="seed"/>.</summary>
    private protected ISynthesizerModel Fit(Table data, ulong seed = 42) => CreateSynthesizer().Fit(data, new FitOptions { Seed = seed });

    /// <summary>The model file bytes of <paramref name="model"/>.</summary>
    private protected static byte[] Bytes(ISynthesizerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    private ISynthesizerModel Load(byte[] bytes) => ModelFile.Load(new MemoryStream(bytes), "model.doppel", Registry);

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(content);
            }
        }

        return stream.ToArray();
    }
}
