namespace Doppel.Data.Tests;

public sealed class TableLocationTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Theory]
    [InlineData("people.csv", TableLocationKind.Csv)]
    [InlineData("data/people.tsv", TableLocationKind.Csv)]
    [InlineData("people.parquet", TableLocationKind.Parquet)]
    [InlineData("PEOPLE.PQ", TableLocationKind.Parquet)]
    public void Parse_File_KindFollowsExtension(string text, TableLocationKind kind)
    {
        var location = TableLocation.Parse(text, environment: NoEnvironment);

        Assert.Equal(kind, location.Kind);
        Assert.Equal(text, location.Path);
        Assert.Null(location.Table);
    }

    [Fact]
    public void Parse_Sqlite_TakesPathAndTable()
    {
        var location = TableLocation.Parse("sqlite:shop.db", "customers");

        Assert.Equal(TableLocationKind.Sqlite, location.Kind);
        Assert.Equal("shop.db", location.Path);
        Assert.Equal("customers", location.Table);
    }

    [Fact]
    public void Parse_SqliteWithoutTable_AsksForIt()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => TableLocation.Parse("sqlite:shop.db"));

        Assert.Contains("--table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PostgresTableAfterColon_UsesEnvironmentConnection()
    {
        var location = TableLocation.Parse("postgres:customers", environment: name =>
            name == TableLocation.ConnectionVariable ? "Host=db.example;Port=5433;Database=shop;Username=me;Password=hunter2" : null);

        Assert.Equal(TableLocationKind.Postgres, location.Kind);
        Assert.Equal("customers", location.Table);
        Assert.Equal("postgres table \"customers\" on db.example:5433/shop", location.ToString());
    }

    [Fact]
    public void Parse_PostgresUri_IsAcceptedAndPasswordNeverShown()
    {
        var location = TableLocation.Parse("postgres:", "orders", "postgresql://me:p%40ss@db.example:6543/shop", NoEnvironment);

        Assert.Equal("orders", location.Table);
        Assert.DoesNotContain("p@ss", location.ToString(), StringComparison.Ordinal);
        Assert.Contains("db.example:6543/shop", location.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PostgresWithoutConnection_NamesTheVariable()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => TableLocation.Parse("postgres:orders", environment: NoEnvironment));

        Assert.Contains(TableLocation.ConnectionVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadConnection_DoesNotRepeatIt()
    {
        var error = Assert.Throws<InvalidOptionsException>(() =>
            TableLocation.Parse("postgres:orders", connection: "Password=hunter2;Bogus Key=1", environment: NoEnvironment));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TableForAFile_IsRefused()
    {
        Assert.Throws<InvalidOptionsException>(() => TableLocation.Parse("people.csv", "customers"));
    }
}
