using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis.Neural.Transform;
using Doppel.TestKit;

namespace Doppel.Synthesis.Tests.Neural.Transform;

public sealed class DataTransformerTests
{
    private static readonly DataTransformerOptions Defaults = new();

    [Fact]
    public void TransformThenInverse_MixedTable_GivesBackTheTable()
    {
        var table = TestTables.Mixed(2000, 7);
        var transformer = DataTransformer.Fit(table, Defaults, new Rng(1), 2);

        var encoded = transformer.Transform(table, new Rng(2));
        var back = transformer.Inverse(encoded, table.RowCount);

        Assert.Equal(table.Schema, back.Schema);
        foreach (var name in new[] { "color", "flag" })
        {
            Assert.Equal(Render(table[name]), Render(back[name]));
        }

        Assert.Equal(table["x"].Missing.ToArray(), back["x"].Missing.ToArray());
        var clipped = 0;
        foreach (var name in new[] { "x", "n", "when" })
        {
            var scalar = transformer.Spans.First(s => s.Column == name && s.Kind == SpanKind.Scalar).Start;
            var original = NumericValues.ToArray(table[name]);
            var decoded = NumericValues.ToArray(back[name]);
            var finite = original.Where(double.IsFinite).ToArray();
            // A float scalar carries 24 bits: the decoded value is within 4σ·2⁻²³ of the original, σ at most the range.
            var tolerance = Math.Max(1e-6 * (finite.Max() - finite.Min()), table[name].Kind == ColumnKind.Continuous ? 0 : 0.5);
            for (var i = 0; i < table.RowCount; i++)
            {
                if (Math.Abs(encoded[(i * transformer.Width) + scalar]) >= Defaults.ScalarLimit)
                {
                    clipped++;
                    continue;
                }

                Assert.True(double.IsNaN(original[i]) ? double.IsNaN(decoded[i]) : Math.Abs(original[i] - decoded[i]) <= tolerance,
                    $"{name} row {i}: {original[i]} came back as {decoded[i]}");
            }
        }

        // Only values beyond 3.96σ of their mode are clipped: a few per thousand at most.
        Assert.InRange(clipped, 0, 3 * table.RowCount * 3 / 1000);
        Assert.Equal(table["n"].Kind, back["n"].Kind);
        Assert.All(((IdentifierColumn)back["id"]).Values, Assert.Null);
    }

    [Fact]
    public void Spans_MixedTable_TileTheWidth()
    {
        var table = TestTables.Mixed(500, 3);

        var transformer = DataTransformer.Fit(table, Defaults, new Rng(1), 1);

        var next = 0;
        foreach (var span in transformer.Spans)
        {
            Assert.Equal(next, span.Start);
            Assert.True(span.Kind == SpanKind.Softmax || span.Width == 1);
            next += span.Width;
        }

        Assert.Equal(transformer.Width, next);
        Assert.DoesNotContain(transformer.Spans, s => s.Column == "id");
        var x = transformer.Spans.Where(s => s.Column == "x").ToArray();
        Assert.Equal([SpanKind.Scalar, SpanKind.Softmax], x.Select(s => s.Kind));
        Assert.Equal(transformer.ModesOf("x") + 1, x[1].Width);
        Assert.Equal(["color", "flag"], transformer.DiscreteBlocks.Select(b => b.Column));
        var color = transformer.DiscreteBlocks[0];
        Assert.Equal(table.RowCount, color.Counts.Sum());
        Assert.Equal(transformer.Spans.Single(s => s.Column == "color").Start, color.Start);
    }

    [Fact]
    public void Transform_MixedTable_OneHotSpansAndBoundedScalars()
    {
        var table = TestTables.Mixed(1000, 5);
        var transformer = DataTransformer.Fit(table, Defaults, new Rng(1), 2);

        var encoded = transformer.Transform(table, new Rng(9));

        Assert.Equal(table.RowCount * transformer.Width, encoded.Length);
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = encoded.AsSpan(i * transformer.Width, transformer.Width);
            foreach (var span in transformer.Spans)
            {
                var values = row.Slice(span.Start, span.Width);
                if (span.Kind == SpanKind.Scalar)
                {
                    Assert.InRange(values[0], -(float)Defaults.ScalarLimit, (float)Defaults.ScalarLimit);
                }
                else
                {
                    Assert.Equal(1, values.ToArray().Count(v => v == 1));
                    Assert.Equal(span.Width - 1, values.ToArray().Count(v => v == 0));
                }
            }
        }
    }

    [Fact]
    public void Fit_SameSeedAnyParallelism_SameEncoding()
    {
        var table = TestTables.Mixed(1500, 4);

        var one = DataTransformer.Fit(table, Defaults, new Rng(8), 1);
        var four = DataTransformer.Fit(table, Defaults, new Rng(8), 4);
        var other = DataTransformer.Fit(table, Defaults, new Rng(9), 4);

        Assert.Equal(Json(one), Json(four));
        Assert.Equal(one.Transform(table, new Rng(3)), four.Transform(table, new Rng(3)));
        Assert.NotEqual(one.Transform(table, new Rng(3)), other.Transform(table, new Rng(3)));
    }

    [Fact]
    public void WriteThenRead_MixedTable_EncodesAndDecodesIdentically()
    {
        var table = TestTables.Mixed(800, 2);
        var transformer = DataTransformer.Fit(table, Defaults, new Rng(1), 2);
        var writer = new ModelWriter();

        transformer.Write(writer, "transformer");
        var read = DataTransformer.Read(new ModelReader("test.doppel", table.Schema, 0, writer.Blocks), "transformer");

        Assert.Equal(transformer.Spans.ToArray(), read.Spans.ToArray());
        Assert.Equal(transformer.DiscreteBlocks.Select(b => (b.Column, b.Start, b.Width, string.Join(",", b.Counts))),
            read.DiscreteBlocks.Select(b => (b.Column, b.Start, b.Width, string.Join(",", b.Counts))));
        var encoded = transformer.Transform(table, new Rng(5));
        Assert.Equal(encoded, read.Transform(table, new Rng(5)));
        Assert.Equal(TestTables.Render(transformer.Inverse(encoded, table.RowCount)), TestTables.Render(read.Inverse(encoded, table.RowCount)));
    }

    [Fact]
    public void Read_SchemaDisagrees_ThrowsModelFileException()
    {
        var table = TestTables.Mixed(200, 2);
        var writer = new ModelWriter();
        DataTransformer.Fit(table, Defaults, new Rng(1), 1).Write(writer, "transformer");
        var other = new TableSchema([.. table.Schema.Columns.Select(c => c.Name == "color" ? c with { Name = "colour" } : c)]);

        var error = Assert.Throws<ModelFileException>(() => DataTransformer.Read(new ModelReader("m.doppel", other, 0, writer.Blocks), "transformer"));

        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransformThenInverse_AwkwardTable_RoundTrips()
    {
        var table = TestTables.Awkward(300, 1);
        var transformer = DataTransformer.Fit(table, Defaults, new Rng(1), 2);

        var back = transformer.Inverse(transformer.Transform(table, new Rng(2)), table.RowCount);

        // Every column but the varying one is constant or missing, so it comes back exactly.
        string[] exact = ["constant", "constant_int", "one_label", "empty", "empty_label"];
        Assert.Equal(TestTables.Render(table.Select(exact)), TestTables.Render(back.Select(exact)));
    }

    [Fact]
    public void Transform_UnseenCategory_ThrowsSchemaException()
    {
        var train = new Table([CategoricalColumn.FromLabels("c", ["a", "b", "a"])]);
        var transformer = DataTransformer.Fit(train, Defaults, new Rng(1), 1);
        var other = new Table([CategoricalColumn.FromLabels("c", ["a", "z"])]);

        var error = Assert.Throws<SchemaException>(() => transformer.Transform(other, new Rng(1)));

        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_DiscreteInteger_OneHotOverValues()
    {
        var values = new long[] { 3, 1, 3, 2, 3, 1 };
        var table = new Table(new TableSchema([new ColumnSchema("r", ColumnKind.Integer) { IsDiscrete = true }]), [new IntegerColumn("r", values)]);

        var transformer = DataTransformer.Fit(table, Defaults, new Rng(1), 1);
        var back = transformer.Inverse(transformer.Transform(table, new Rng(1)), values.Length);

        var block = Assert.Single(transformer.DiscreteBlocks);
        Assert.Equal([2L, 1L, 3L], block.Counts.ToArray());
        Assert.Equal(values, ((IntegerColumn)back["r"]).Values);
    }

    private static string[] Render(Column column) => [.. Enumerable.Range(0, column.Length).Select(i => column.FormatValue(i) ?? "\0")];

    private static string Json(DataTransformer transformer)
    {
        var writer = new ModelWriter();
        transformer.Write(writer, "t");
        return System.Text.Encoding.UTF8.GetString(writer.Blocks.Single().Bytes);
    }
}
