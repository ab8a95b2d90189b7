using Doppel.Data;
using Doppel.Evaluation.Utility;
using static Doppel.Evaluation.Tests.Build;

namespace Doppel.Evaluation.Tests.Utility;

public sealed class TableSplitTests
{
    [Fact]
    public void Split_Stratified_KeepsEachClassShareExactly()
    {
        var table = Table(Num("x", [.. Enumerable.Range(0, 100).Select(i => (double)i)]), Cat("y", [.. Enumerable.Range(0, 100).Select(i => i < 30 ? "a" : "b")]));

        var (train, test) = TableSplit.Split(table, 0.2, "y", 0);

        Assert.Equal(80, train.RowCount);
        Assert.Equal(20, test.RowCount);
        Assert.Equal(6, ((CategoricalColumn)test["y"]).Codes.Count(c => c == 0));
        var all = ((NumericColumn)train["x"]).Values.Concat(((NumericColumn)test["x"]).Values).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), all);
    }

    [Fact]
    public void Split_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var table = Table(Num("x", [.. Enumerable.Range(0, 200).Select(i => (double)i)]));

        var a = ((NumericColumn)TableSplit.Split(table, 0.25, null, 1).Test["x"]).Values;
        var b = ((NumericColumn)TableSplit.Split(table, 0.25, null, 1).Test["x"]).Values;
        var c = ((NumericColumn)TableSplit.Split(table, 0.25, null, 2).Test["x"]).Values;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Split_FractionOutOfRange_Refuses()
    {
        var table = Table(Num("x", 1, 2, 3));

        Assert.Throws<InvalidOptionsException>(() => TableSplit.Split(table, 1.5, null, 0));
        Assert.Throws<InvalidOptionsException>(() => TableSplit.Split(table, 0.01, null, 0));
    }
}
