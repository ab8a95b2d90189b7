using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Neural;
using Doppel.Synthesis;

namespace Doppel.Synthesis.Tests;

public sealed class ModuleBlocksTests
{
    [Fact]
    public void WriteThenRead_ResidualGenerator_RestoresEveryTensor()
    {
        var saved = Model(new Rng(1));
        saved.Forward(new Tape(new Rng(2)), Batch());
        var writer = new ModelWriter();

        ModuleBlocks.Write(writer, "generator", saved);
        var loaded = Model(new Rng(99));
        ModuleBlocks.Read(Reader(writer), "generator", loaded);

        Assert.Equal(saved.State().Select(t => t.Name), loaded.State().Select(t => t.Name));
        Assert.Contains(writer.Blocks, b => b.Name == "generator/0.bn.running_mean" && b.Shape.SequenceEqual([1, 8]));
        foreach (var (a, b) in saved.State().Zip(loaded.State()))
        {
            Assert.Equal(a.Tensor.ToArray(), b.Tensor.ToArray());
        }
    }

    [Fact]
    public void Read_DifferentShape_ThrowsModelFileException()
    {
        var writer = new ModelWriter();
        ModuleBlocks.Write(writer, "g", new Linear(3, 4, new Rng(1)));

        Assert.Throws<ModelFileException>(() => ModuleBlocks.Read(Reader(writer), "g", new Linear(3, 5, new Rng(1))));
    }

    private static Sequential Model(Rng rng) => new(new ResidualBlock(4, 8, rng), new Linear(12, 2, rng));

    private static Tensor Batch()
    {
        var x = new Tensor(6, 4);
        new Rng(3).FillGaussian(x.Span);
        return x;
    }

    private static ModelReader Reader(ModelWriter writer) =>
        new("test.doppel", new TableSchema(ImmutableArray<ColumnSchema>.Empty), 0, writer.Blocks);
}
