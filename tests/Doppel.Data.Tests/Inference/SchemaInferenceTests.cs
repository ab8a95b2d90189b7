namespace Doppel.Data.Tests;

public sealed class SchemaInferenceTests
{
    [Fact]
    public void InferColumn_WholeNumbers_Integer()
    {
        var schema = SchemaInference.InferColumn("n", Enumerable.Range(0, 50).Select(i => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(ColumnKind.Integer, schema.Kind);
        Assert.False(schema.IsDiscrete);
    }

    [Fact]
    public void InferColumn_FewWholeNumbers_OfferedAsDiscrete()
    {
        var schema = SchemaInference.InferColumn("rating", ["1", "2", "3", "4", "2", "1"]);

        Assert.Equal(ColumnKind.Integer, schema.Kind);
        Assert.True(schema.IsDiscrete);
    }

    [Fact]
    public void InferColumn_ElevenDistinctWholeNumbers_NotDiscrete()
    {
        var schema = SchemaInference.InferColumn("n", Enumerable.Range(0, SchemaInference.DiscreteMaxDistinct + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.False(schema.IsDiscrete);
    }

    [Fact]
    public void InferColumn_Decimals_Continuous()
    {
        Assert.Equal(ColumnKind.Continuous, SchemaInference.InferColumn("x", ["1", "2.5", "-3e2"]).Kind);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Inf")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    [InlineData("abc")]
    public void InferColumn_NumbersWithNonFiniteOrText_Categorical(string odd)
    {
        Assert.Equal(ColumnKind.Categorical, SchemaInference.InferColumn("x", ["1.5", odd, "2"]).Kind);
    }

    [Theory]
    [InlineData("2020-01-31", "2021-02-01", "yyyy-MM-dd")]
    [InlineData("2020-01-31T10:20:30", "2021-02-01T00:00:00", "yyyy-MM-dd'T'HH:mm:ss")]
    [InlineData("2020-01-31 10:20", "2021-02-01 23:59", "yyyy-MM-dd HH:mm")]
    [InlineData("2020/01/31", "2021/02/01", "yyyy/MM/dd")]
    [InlineData("31/01/2020", "01/02/2021", "dd/MM/yyyy")]
    [InlineData("01/31/2020", "02/01/2021", "MM/dd/yyyy")]
    [InlineData("01/02/2020", "03/04/2021", "dd/MM/yyyy")]
    public void InferColumn_Dates_DateTimeWithFormat(string a, string b, string format)
    {
        var schema = SchemaInference.InferColumn("d", [a, b]);

        Assert.Equal(ColumnKind.DateTime, schema.Kind);
        Assert.Equal(format, schema.Format);
    }

    [Fact]
    public void InferColumn_DatesNotWrittenTheSameWay_Categorical()
    {
        Assert.Equal(ColumnKind.Categorical, SchemaInference.InferColumn("d", ["2020-01-31", "2020-1-5"]).Kind);
    }

    [Theory]
    [InlineData("true", "false", "true|false")]
    [InlineData("Yes", "No", "Yes|No")]
    [InlineData(" yes", " no", " yes| no")]
    [InlineData("FALSE", null, "true|FALSE")]
    public void InferColumn_BooleanPairs_BooleanWithSpelling(string a, string? b, string format)
    {
        var schema = SchemaInference.InferColumn("b", b is null ? [a, a] : [a, b, a]);

        Assert.Equal(ColumnKind.Boolean, schema.Kind);
        Assert.Equal(format, schema.Format);
    }

    [Fact]
    public void InferColumn_ZeroOne_StaysInteger()
    {
        Assert.Equal(ColumnKind.Integer, SchemaInference.InferColumn("b", ["0", "1", "1"]).Kind);
    }

    [Fact]
    public void InferColumn_UniqueStrings_Identifier()
    {
        var values = Enumerable.Range(0, SchemaInference.UniqueIdentifierMinValues).Select(i => $"user-{i}");

        Assert.Equal(ColumnKind.Identifier, SchemaInference.InferColumn("who", values).Kind);
    }

    [Fact]
    public void InferColumn_FewUniqueStrings_Categorical()
    {
        Assert.Equal(ColumnKind.Categorical, SchemaInference.InferColumn("c", ["a", "b", "c"]).Kind);
    }

    [Fact]
    public void InferColumn_ManyDistinctStringsOverHalfTheRows_Identifier()
    {
        var values = Enumerable.Range(0, 3000).Select(i => $"v{i % 2000}");

        Assert.Equal(ColumnKind.Identifier, SchemaInference.InferColumn("c", values).Kind);
    }

    [Fact]
    public void InferColumn_UniqueIntegersNamedLikeKey_Identifier()
    {
        var values = Enumerable.Range(1, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(ColumnKind.Identifier, SchemaInference.InferColumn("customer_id", values).Kind);
        Assert.Equal(ColumnKind.Identifier, SchemaInference.InferColumn("orderId", values).Kind);
        Assert.Equal(ColumnKind.Integer, SchemaInference.InferColumn("paid", values).Kind);
    }

    [Theory]
    [InlineData("id", true)]
    [InlineData("ID", true)]
    [InlineData("user_id", true)]
    [InlineData("user id", true)]
    [InlineData("userId", true)]
    [InlineData("UserID", true)]
    [InlineData("paid", false)]
    [InlineData("valid", false)]
    [InlineData("Id_card", false)]
    public void LooksLikeKey_Name_Expected(string name, bool expected)
    {
        Assert.Equal(expected, SchemaInference.LooksLikeKey(name));
    }

    [Fact]
    public void InferColumn_Constant_Allowed()
    {
        var schema = SchemaInference.InferColumn("c", ["p", "p", "p"]);

        Assert.Equal(ColumnKind.Categorical, schema.Kind);
    }

    [Fact]
    public void InferColumn_AllMissing_ThrowsNamingColumn()
    {
        var e = Assert.Throws<SchemaException>(() => SchemaInference.InferColumn("empty", ["", "NA", null]));

        Assert.Equal("empty", e.Column);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InferColumn_SomeMissing_Nullable()
    {
        var schema = SchemaInference.InferColumn("n", ["1", "", "3"]);

        Assert.True(schema.IsNullable);
        Assert.Equal(ColumnKind.Integer, schema.Kind);
    }
}
