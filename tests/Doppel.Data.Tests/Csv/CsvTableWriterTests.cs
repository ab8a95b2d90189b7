using System.Collections.Immutable;
using System.Text;

namespace Doppel.Data.Tests;

public sealed class CsvTableWriterTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Write_EveryKind_WritesExpectedText()
    {
        var table = new Table([
            new NumericColumn("x", [0.1, 41, 1e21, double.NaN], [false, false, false, true]),
            new IntegerColumn("n", [1, -2, 3, 4]),
            CategoricalColumn.FromLabels("c", [" a", "b,c", "say \"hi\"", null]),
            new BooleanColumn("b", [true, false, true, false], null, "Yes", "No"),
            new DateTimeColumn("d", [.. Enumerable.Repeat(new DateTime(2020, 1, 31).Ticks, 4)], null, "dd/MM/yyyy"),
        ]);
        using var stream = new MemoryStream();

        CsvTableWriter.Write(table, stream);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(
            "x,n,c,b,d\n0.1,1, a,Yes,31/01/2020\n41.0,-2,\"b,c\",No,31/01/2020\n1E+21,3,\"say \"\"hi\"\"\",Yes,31/01/2020\n,4,,No,31/01/2020\n",
            text);
    }

    [Fact]
    public void Write_ToPath_LeavesNoTemporaryFile()
    {
        var table = new Table([new IntegerColumn("n", [1, 2])]);
        var path = _files.PathOf("out.csv");

        CsvTableWriter.Write(table, path);

        Assert.Equal("n\n1\n2\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public void Write_ZeroRows_WritesHeaderOnly()
    {
        var table = new Table([new IntegerColumn("n", []), new CategoricalColumn("c", [], ImmutableArray<string>.Empty)]);
        using var stream = new MemoryStream();

        CsvTableWriter.Write(table, stream);

        Assert.Equal("n,c\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_Doubles_RoundTripExactly()
    {
        double[] values = [0.1 + 0.2, Math.PI, -1e-300, 123456789.123456789, 5e-324, double.MaxValue];
        var path = _files.PathOf("d.csv");

        CsvTableWriter.Write(new Table([new NumericColumn("x", [.. values])]), path);
        var back = CsvTableReader.Read(path);

        Assert.Equal(values, ((NumericColumn)back["x"]).Values);
    }
}
