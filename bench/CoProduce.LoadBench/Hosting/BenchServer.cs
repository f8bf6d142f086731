using CoProduce.Gateway.Hosting;
using CoProduce.LoadBench.Baseline;
using Npgsql;

namespace CoProduce.LoadBench.Hosting;

/// <summary>The gateway exactly as it ships, plus the conventional baseline endpoints on the same database.</summary>
public static class BenchServer
{
    /// <summary>The first argument that makes this program the server rather than the load.</summary>
    public const string Mode = "serve";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCoProduceGateway();
        var connectionString = builder.Configuration["CoProduce:Storage:ConnectionString"]
            ?? throw new InvalidOperationException("The bench server runs on PostgreSQL: set CoProduce:Storage:ConnectionString.");
        await using var database = NpgsqlDataSource.Create(connectionString);
        var app = builder.Build();
        app.UseGatewayConventions();
        app.MapCoProduceApi();
        app.MapBaselineDots(database);
        app.MapBaselineRankedVotes(database);
        await app.RunAsync();
    }
}
