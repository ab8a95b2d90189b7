using System.Collections.Immutable;
using Doppel.Data;
using Doppel.Synthesis;

namespace Doppel.Synthesis.Tests;

public sealed class ConditionTests
{
    [Theory]
    [InlineData("income= >50K", "income", ConditionOperator.Equal, " >50K")]
    [InlineData("age>=40", "age", ConditionOperator.GreaterOrEqual, "40")]
    [InlineData("age <= 40", "age", ConditionOperator.LessOrEqual, " 40")]
    [InlineData("sex!=Male", "sex", ConditionOperator.NotEqual, "Male")]
    [InlineData("x<3", "x", ConditionOperator.Less, "3")]
    public void Parse_SplitsAtFirstOperator(string text, string column, ConditionOperator op, string value)
    {
        var c = Condition.Parse(text);

        Assert.Equal(new Condition(column, op, value), c);
    }

    [Theory]
    [InlineData("income")]
    [InlineData("=3")]
    public void Parse_WithoutColumnOrOperator_Throws(string text) =>
        Assert.Throws<InvalidOptionsException>(() => Condition.Parse(text));

    private static readonly TableSchema Schema = new(
    [
        new ColumnSchema("x", ColumnKind.Continuous),
        new ColumnSchema("n", ColumnKind.Integer),
        new ColumnSchema("color", ColumnKind.Categorical),
    ]);

    private static readonly Dictionary<string, ImmutableArray<string>> Labels = new() { ["color"] = ["red", "green", " blue"] };

    [Theory]
    [InlineData("x>1", "x<1")]
    [InlineData("x>=1", "x<1")]
    [InlineData("x=1", "x!=1")]
    [InlineData("n>3", "n<4")]
    [InlineData("n=3.5", "x>0")]
    [InlineData("color=red", "color=green")]
    [InlineData("color=red", "color!=red")]
    public void Compile_ContradictoryConditions_ThrowsNamingTheColumn(string first, string second)
    {
        var conditions = ImmutableArray.Create(Condition.Parse(first), Condition.Parse(second));

        var e = Assert.Throws<InvalidOptionsException>(() => ConditionSet.Compile(conditions, Schema, Labels));

        Assert.Contains("contradict", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{conditions[0].Column}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_EveryLabelExcluded_Throws()
    {
        var conditions = ImmutableArray.Create(Condition.Parse("color!=red"), Condition.Parse("color!=green"), Condition.Parse("color!=blue"));

        var e = Assert.Throws<InvalidOptionsException>(() => ConditionSet.Compile(conditions, Schema, Labels));

        Assert.Contains("no value of 'color'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x>=1", "x<=1")]
    [InlineData("n>3", "n<5")]
    [InlineData("color!=red", "color!=green")]
    [InlineData("x>0", "x!=0")]
    public void Compile_CompatibleConditions_Accepted(string first, string second)
    {
        var set = ConditionSet.Compile([Condition.Parse(first), Condition.Parse(second)], Schema, Labels);

        Assert.Single(set.Constraints);
    }

    [Fact]
    public void Compile_SeveralProblems_ListsEach()
    {
        var conditions = ImmutableArray.Create(Condition.Parse("y=1"), Condition.Parse("color=purple"), Condition.Parse("n>=ten"));

        var e = Assert.Throws<InvalidOptionsException>(() => ConditionSet.Compile(conditions, Schema, Labels));

        Assert.Equal(3, e.Problems.Count);
        Assert.Contains("no column 'y' (it has x, n, color)", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("'red', 'green', ' blue'", e.Problems[1], StringComparison.Ordinal);
        Assert.Contains("column 'n' is integer and 'ten' is not a number", e.Problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MissingAndBoundaryValues_FollowTheOperators()
    {
        var table = new Table(
        [
            new NumericColumn("x", [0.5, 1, 2, 3], [false, false, false, true]),
            new IntegerColumn("n", [1, 2, 3, 4]),
            CategoricalColumn.FromLabels("color", ["red", " blue", "red", "red"]),
        ]);
        var set = ConditionSet.Compile([Condition.Parse("x>=1"), Condition.Parse("color=blue")], table.Schema, Labels);

        var keep = set.Evaluate(table);

        Assert.Equal([false, true, false, false], keep);
    }
}
