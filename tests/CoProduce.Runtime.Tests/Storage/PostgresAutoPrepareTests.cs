using CoProduce.Journal.Storage;
using Npgsql;

namespace CoProduce.Runtime.Tests.Storage;

/// <summary>The grain storage prepares its statements on PostgreSQL unless the connection string says otherwise.</summary>
public sealed class PostgresAutoPrepareTests
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=postgres;Database=coproduce";

    [Fact]
    public void AConnectionStringWithoutTheSettingGetsAutoPrepare() =>
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(PostgresDialect.WithAutoPrepare(Server)).MaxAutoPrepare);

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("max auto prepare=5", 5)]
    [InlineData("MaxAutoPrepare=7", 7)]
    public void AConnectionStringThatSetsItKeepsItsOwn(string setting, int expected)
    {
        var given = $"{Server};{setting}";

        var used = PostgresDialect.WithAutoPrepare(given);

        Assert.Equal(given, used);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(used).MaxAutoPrepare);
    }

    [Fact]
    public void EverythingElseInTheConnectionStringIsKept()
    {
        var used = new NpgsqlConnectionStringBuilder(PostgresDialect.WithAutoPrepare($"{Server};Password=secret;Timeout=7"));

        Assert.Equal(("127.0.0.1", 5432, "postgres", "coproduce", "secret", 7), (used.Host, used.Port, used.Username, used.Database, used.Password, used.Timeout));
    }
}
