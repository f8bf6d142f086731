using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CoProduce.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// Issue 15's declaring-dead window, on a real cluster: a gateway's silo is killed with SIGKILL while callers keep
/// asking the surviving gateway for projects, many of which lived on the killed silo. Until the cluster has declared
/// it dead and moved on, callers get 503 with Retry-After, never 500; the membership table shows it Dead within 10 s.
/// </summary>
public sealed class DeclaringDeadTests(ITestOutputHelper output)
{
    private const int Projects = 30;
    private const int Callers = 4;

    /// <summary>Orleans' SiloStatus.Dead, as the membership table stores it.</summary>
    private const int Dead = 6;

    private static readonly TimeSpan DeclaredDeadWithin = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task WhileAKilledSiloIsDeclaredDeadCallersGet503WithRetryAfterNever500()
    {
        await using var cluster = await Cluster.StartAsync(gateways: 2);
        using var api = new Api(cluster.Gateways.Select(g => g.Address));
        var adminToken = cluster.Tokens.Issue(Guid.NewGuid(), TimeSpan.FromHours(1));
        var organisation = (await api.RequireAsync(1, adminToken, HttpMethod.Post, "/api/organisations",
            new { name = "Failover Council", kind = "LocalAuthority", displayName = "Facilitator" })).GetProperty("id").GetGuid();

        // Created through the node that will be killed: Orleans places a new activation on the silo that asked for it
        // unless that silo is busier than the others, so many of these projects live there when it dies.
        var projects = new Guid[Projects];
        await Parallel.ForEachAsync(Enumerable.Range(0, Projects), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            projects[i] = (await api.RequireAsync(1, adminToken, HttpMethod.Post, "/api/projects",
                new { organisationId = organisation, name = $"Failover project {i}", summary = "Kill test" })).GetProperty("id").GetGuid());

        var victim = cluster.Gateways[1].Node;
        await victim.KillAsync();
        var sinceKill = Stopwatch.StartNew();

        using var stop = new CancellationTokenSource();
        var answers = new ConcurrentQueue<(TimeSpan At, Guid Project, Answer Answer)>();
        var failures = new ConcurrentQueue<string>();
        var calling = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; !stop.IsCancellationRequested; i += Callers)
            {
                var project = projects[i % Projects];
                try
                {
                    var answer = await api.SendAsync(0, adminToken, HttpMethod.Get, $"/api/projects/{project}");
                    answers.Enqueue((sinceKill.Elapsed, project, answer));
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{sinceKill.Elapsed}: GET project {project} on the surviving node failed: {e.Message}");
                }
            }
        })).ToList();

        TimeSpan declaredDead;
        TimeSpan allAnswering;
        try
        {
            await Eventually.Until(() => StatusOf(cluster.ConnectionString, victim.SiloPort), status => status == Dead, GiveUp,
                $"the killed silo (port {victim.SiloPort}) declared dead in the membership table");
            declaredDead = sinceKill.Elapsed;

            // Every project answers through the surviving node once more, one after another.
            await Eventually.Until(async () =>
                {
                    foreach (var project in projects)
                    {
                        if (!(await api.SendAsync(0, adminToken, HttpMethod.Get, $"/api/projects/{project}")).IsSuccess)
                        {
                            return false;
                        }
                    }

                    return true;
                }, all => all, GiveUp, "every project answering through the surviving node");
            allAnswering = sinceKill.Elapsed;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(calling);
        }

        var seen = answers.ToList();
        var refused = seen.Where(a => !a.Answer.IsSuccess).ToList();
        var lastRefused = refused.Count == 0 ? TimeSpan.Zero : refused.Max(a => a.At);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Killed silo declared Dead in the membership table {declaredDead.TotalSeconds:F2} s after SIGKILL; "
            + $"last refused call answered at {lastRefused.TotalSeconds:F2} s; every project answering again at {allAnswering.TotalSeconds:F2} s."));
        output.WriteLine($"{seen.Count} calls during the window: {string.Join(", ", seen.GroupBy(a => (int)a.Answer.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))}; "
            + $"{refused.Select(a => a.Project).Distinct().Count()} of {Projects} projects refused at least once.");

        Assert.True(failures.IsEmpty, $"The surviving node did not answer:\n{string.Join('\n', failures.Take(10))}");
        var wrong = refused.Where(a => !a.Answer.IsRetryable).ToList();
        Assert.True(wrong.Count == 0,
            $"{wrong.Count} answers neither 2xx nor 503 problem details with Retry-After:\n{string.Join('\n', wrong.Take(10).Select(a => $"{a.At}: {a.Answer}"))}\n{cluster.RecentOutput()}");
        Assert.True(declaredDead <= DeclaredDeadWithin, $"The killed silo was declared dead only after {declaredDead}.");
        Assert.False(cluster.Gateways[0].Node.HasExited, "The surviving gateway died.");
    }

    /// <summary>The newest membership row of the silo on this port: its status, or -1 when it has none.</summary>
    private static async Task<int> StatusOf(string connectionString, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT status FROM orleansmembershiptable WHERE port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("port", siloPort);
        return await command.ExecuteScalarAsync() is int status ? status : -1;
    }
}
