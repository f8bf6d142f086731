using CoProduce.Gateway.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace CoProduce.Gateway.Tests.Cli;

/// <summary>mint-token and seed-demo sign people in without their say-so: only in Development, on embedded SQLite, or when told explicitly.</summary>
public sealed class GatewayCommandsTests
{
    [Theory]
    [InlineData("Production", "PostgreSql", false, false)]
    [InlineData("Staging", "PostgreSql", false, false)]
    [InlineData("Production", null, false, false)]
    [InlineData("Production", "PostgreSql", true, true)]
    [InlineData("Development", "PostgreSql", false, true)]
    [InlineData("Production", "Sqlite", false, true)]
    public void TokenMintingCommandsRunOnlyWhereTheyCannotHarmOrWhenAskedExplicitly(string environment, string? provider, bool flag, bool runs)
    {
        var host = new HostingEnvironment { EnvironmentName = environment };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CoProduce:Storage:Provider"] = provider })
            .Build();
        string[] args = flag ? ["mint-token", GatewayCommands.AllowProductionFlag] : ["mint-token"];
        Assert.Equal(runs, GatewayCommands.MayRun(host, configuration, args));
    }
}
