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
}
