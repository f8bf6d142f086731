using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Bench.Hosting;
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
        var voters = Option(args, "--voters", 1000);
        var scenario = args.SkipWhile(a => a != "--scenario").Skip(1).FirstOrDefault() ?? "all";
        if (scenario is not ("all" or "agenda" or "ranked"))
        {
            Console.Error.WriteLine("--scenario is all, agenda or ranked");
            return 2;
        }

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
        await using var host = await ChildServer.StartAsync(BenchServer.Mode, new Dictionary<string, string>
        {
            ["CoProduce__Storage__Provider"] = "PostgreSql",
            ["CoProduce__Storage__ConnectionString"] = connectionString,
            ["CoProduce__Auth__SigningKey"] = key,
            ["CoProduce__Anonymity__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Load from a few people, far beyond what one person sends: the per-person HTTP rate limit is not what this measures.
            ["CoProduce__RateLimits__PerPersonPerMinute"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CoProduce__Invitations__LinkBase"] = "http://localhost:5080",
        });
        await using var database = NpgsqlDataSource.Create(connectionString);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(participants, voters) * 2 }) { BaseAddress = host.Address };
        var duration = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Max(2, seconds / 4));
        var rows = new List<string>();

        if (scenario is "all" or "agenda")
        {
            var dots = new AgendaDotsScenario(http, tokens, database, participants, items: 6, dotsPerPerson: 5);
            await dots.SetUpAsync();
            await dots.RunBaselineAsync(warmUp);
            await dots.RunGrainsAsync(warmUp);
            var baseline = await dots.RunBaselineAsync(duration);
            Console.WriteLine(baseline);
            var grains = await dots.RunGrainsAsync(duration);
            Console.WriteLine(grains);
            var ratio = grains.PerSecond / baseline.PerSecond;
            rows.Add(Row(
                $"agenda dots over HTTP on PostgreSQL, {participants} concurrent participants (throughput; p99)",
                grains, baseline, ">= 3.00x at equal or better p99", ratio >= 3 && grains.P99Ms <= baseline.P99Ms));
        }

        if (scenario is "all" or "ranked")
        {
            var ranked = new RankedVotesScenario(http, tokens, database, voters, options: 5);
            await ranked.SetUpAsync();
            await ranked.RunBaselineAsync(warmUp);
            await ranked.RunGrainsAsync(warmUp);
            var baseline = await ranked.RunBaselineAsync(duration);
            Console.WriteLine(baseline);
            var grains = await ranked.RunGrainsAsync(duration);
            Console.WriteLine(grains);
            var counted = await ranked.CountedVotersAsync();
            Console.WriteLine($"ranked choice: the decision counts {counted:N0} voters of {voters:N0}");
            var ratio = grains.PerSecond / baseline.PerSecond;
            rows.Add(Row(
                $"ranked-choice votes over HTTP on PostgreSQL, {voters:N0} concurrent voters on one decision (votes/s; p99)",
                grains, baseline, ">= 3.00x throughput", ratio >= 3 && counted == voters));
        }

        var report = Report(rows);
        Console.WriteLine(report);
        if (reportPath is not null)
        {
            await File.WriteAllTextAsync(reportPath, report);
        }

        return 0;
    }

    private static string Report(IEnumerable<string> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| figure | candidate | baseline | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        return text.ToString();
    }

    private static string Row(string figure, LoadResult grains, LoadResult baseline, string target, bool met) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {figure} | {grains.PerSecond:N0}/s; p99 {grains.P99Ms:0.0} ms | {baseline.PerSecond:N0}/s; p99 {baseline.P99Ms:0.0} ms | {grains.PerSecond / baseline.PerSecond:0.00} | {target} | {(met ? "yes" : "NO")} |");

    private static int Option(string[] args, string name, int fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is not null && int.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;
    }
}
