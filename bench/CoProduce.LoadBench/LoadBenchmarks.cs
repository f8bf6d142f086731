using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Gateway.Auth;
using CoProduce.LoadBench.Hosting;
using CoProduce.LoadBench.Load;
using Npgsql;

namespace CoProduce.LoadBench;

/// <summary>
/// Starts the server in its own process on a fresh PostgreSQL database, loads it from this process,
/// and prints each figure beside its same-run baseline.
/// </summary>
public static class LoadBenchmarks
{
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var participants = Option(args, "--participants", 200);
        var reportPath = args.SkipWhile(a => a != "--report").Skip(1).FirstOrDefault();
        var server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException($"{ServerVariable} is not set; run scripts/bench.sh, which starts PostgreSQL.");
        var databaseName = $"coproduce_load_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {databaseName}");
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = databaseName, MaxPoolSize = 100 }.ConnectionString;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var authOptions = new AuthOptions { SigningKey = key };
        var tokens = new TokenService(authOptions, Convert.FromBase64String(key), TimeProvider.System);
        await using var host = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["CoProduce__Storage__Provider"] = "PostgreSql",
            ["CoProduce__Storage__ConnectionString"] = connectionString,
            ["CoProduce__Auth__SigningKey"] = key,
            ["CoProduce__Anonymity__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        await using var database = NpgsqlDataSource.Create(connectionString);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = participants * 2 }) { BaseAddress = host.Address };

        var scenario = new AgendaDotsScenario(http, tokens, database, participants, items: 6, dotsPerPerson: 5);
        await scenario.SetUpAsync();
        var warmUp = TimeSpan.FromSeconds(Math.Max(2, seconds / 4));
        await scenario.RunBaselineAsync(warmUp);
        await scenario.RunGrainsAsync(warmUp);
        var baseline = await scenario.RunBaselineAsync(TimeSpan.FromSeconds(seconds));
        Console.WriteLine(baseline);
        var grains = await scenario.RunGrainsAsync(TimeSpan.FromSeconds(seconds));
        Console.WriteLine(grains);

        var report = Report(participants, baseline, grains);
        Console.WriteLine(report);
        if (reportPath is not null)
        {
            await File.WriteAllTextAsync(reportPath, report);
        }

        return 0;
    }

    private static string Report(int participants, LoadResult baseline, LoadResult grains)
    {
        var ratio = grains.PerSecond / baseline.PerSecond;
        var met = ratio >= 3 && grains.P99Ms <= baseline.P99Ms;
        var text = new StringBuilder();
        text.AppendLine("| figure | candidate | baseline | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| agenda dots over HTTP on PostgreSQL, {participants} concurrent participants (throughput; p99) | {grains.PerSecond:N0}/s; p99 {grains.P99Ms:0.0} ms | {baseline.PerSecond:N0}/s; p99 {baseline.P99Ms:0.0} ms | {ratio:0.00} | >= 3.00x at equal or better p99 | {(met ? "yes" : "NO")} |");
        return text.ToString();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
    }
}
