using Doppel.Data;
using Doppel.Neural;
using static Doppel.Neural.Tests.GradientCheck;

namespace Doppel.Neural.Tests;

public sealed class TapeGradientTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_AnyTransposition_MatchesFiniteDifferences(bool ta, bool tb)
    {
        var a = ta ? Param(4, 3, 1) : Param(3, 4, 1);
        var b = tb ? Param(5, 4, 2) : Param(4, 5, 2);

        Check((t, p) => t.MatMul(p[0], p[1], ta, tb), a, b);
    }

    [Fact]
    public void Linear_WithBias_MatchesFiniteDifferences() =>
        Check((t, p) => t.Linear(p[0], p[1], p[2]), Param(3, 4, 1), Param(4, 5, 2), Param(1, 5, 3));

    [Fact]
    public void AddBias_RowVector_MatchesFiniteDifferences() =>
        Check((t, p) => t.AddBias(p[0], p[1]), Param(3, 4, 1), Param(1, 4, 2));

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("div")]
    public void Binary_EachKind_MatchesFiniteDifferences(string kind)
    {
        var a = Param(3, 4, 1);
        var b = Param(3, 4, 2, 0.5f, 2f);

        Check((t, p) => kind switch
        {
            "add" => t.Add(p[0], p[1]),
            "sub" => t.Sub(p[0], p[1]),
            "mul" => t.Mul(p[0], p[1]),
            _ => t.Div(p[0], p[1]),
        }, a, b);
    }

    [Fact]
    public void Affine_ScaleAndShift_MatchesFiniteDifferences() =>
        Check((t, p) => t.Affine(p[0], -1.5f, 0.25f), Param(3, 4, 1));

    [Theory]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("pow")]
    [InlineData("sqrt")]
    [InlineData("abs")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("relu")]
    [InlineData("leaky")]
    [InlineData("silu")]
    [InlineData("softplus")]
    public void Unary_EachKind_MatchesFiniteDifferences(string kind)
    {
        var positive = kind is "log" or "pow" or "sqrt";
        var x = positive ? Param(3, 4, 1, 0.5f, 2f) : AwayFromZero(3, 4, 1);

        Check((t, p) => kind switch
        {
            "exp" => t.Exp(p[0]),
            "log" => t.Log(p[0]),
            "pow" => t.Pow(p[0], 2.5f),
            "sqrt" => t.Sqrt(p[0]),
            "abs" => t.Abs(p[0]),
            "tanh" => t.Tanh(p[0]),
            "sigmoid" => t.Sigmoid(p[0]),
            "relu" => t.Relu(p[0]),
            "leaky" => t.LeakyRelu(p[0], 0.2f),
            "silu" => t.Silu(p[0]),
            _ => t.Softplus(p[0]),
        }, x);
    }

    [Fact]
    public void Softmax_ColumnSpan_MatchesFiniteDifferences() =>
        Check((t, p) => t.Softmax(p[0], 2, 4), Param(3, 7, 1, -2, 2));

    [Fact]
    public void LogSoftmax_ColumnSpan_MatchesFiniteDifferences() =>
        Check((t, p) => t.LogSoftmax(p[0], 1, 5), Param(3, 7, 1, -2, 2));

    [Fact]
    public void GumbelSoftmax_Soft_MatchesFiniteDifferences() =>
        Check((t, p) => t.GumbelSoftmax(p[0], 1, 4, 0.5f, hard: false, new Rng(7)), Param(3, 6, 1));

    [Fact]
    public void GumbelSoftmax_Hard_IsOneHotWithSoftGradient()
    {
        var x = Param(5, 6, 1);
        var (softTape, hardTape) = (new Tape(new Rng(1)), new Tape(new Rng(1)));
        var soft = softTape.GumbelSoftmax(x, 1, 4, 0.5f, hard: false, new Rng(7));
        var hard = hardTape.GumbelSoftmax(x, 1, 4, 0.5f, hard: true, new Rng(7));
        var weights = GradientCheck.Param(5, 4, 3);
        weights.RequiresGrad = false;

        softTape.Backward(softTape.Sum(softTape.Mul(soft, weights)));
        var softGrad = x.Grad!.ToArray();
        x.Grad.Span.Clear();
        hardTape.Backward(hardTape.Sum(hardTape.Mul(hard, weights)));

        for (var r = 0; r < 5; r++)
        {
            var row = hard.Row(r);
            Assert.Equal(1f, row.ToArray().Sum());
            Assert.Equal(1f, row[System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(soft.Row(r))]);
        }

        Assert.Equal(softGrad, x.Grad.ToArray());
    }

    [Fact]
    public void ConcatAndSlice_Columns_MatchFiniteDifferences() =>
        Check((t, p) => t.Slice(t.Concat(p[0], p[1], p[2]), 1, 6), Param(3, 2, 1), Param(3, 3, 2), Param(3, 4, 3));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(-1, true)]
    public void SumAndMean_EachAxis_MatchFiniteDifferences(int axis, bool mean) =>
        Check((t, p) => (axis, mean) switch
        {
            (-1, false) => t.Sum(p[0]),
            (-1, true) => t.Mean(p[0]),
            (_, false) => t.Sum(p[0], axis),
            _ => t.Mean(p[0], axis),
        }, Param(3, 4, 1));

    [Fact]
    public void SortRows_DistinctValues_MatchesFiniteDifferences()
    {
        // A shuffled ladder with 0.1 spacing: the ±h steps never swap two values.
        var x = Tensor.Parameter(2, 5);
        float[] values = [0.3f, -0.1f, 0.2f, 0f, -0.2f, 0.1f, 0.4f, -0.3f, 0.5f, 0.2f];
        values.CopyTo(x.Span);

        Check((t, p) => t.SortRows(p[0]), 1e-2, x);
        Assert.Equal([-0.2f, -0.1f, 0f, 0.2f, 0.3f], new Tape(new Rng(1)).SortRows(x).Row(0).ToArray());
    }
}
