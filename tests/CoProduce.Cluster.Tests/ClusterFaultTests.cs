using Xunit.Abstractions;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// Issue 7's multi-node fault test, with real processes: two gateways and a silo worker on one
/// PostgreSQL; 200 participants spread over both gateways vote, move their dots and edit the agenda at
/// once; one gateway is killed with SIGKILL a third of the way through and its clients move to the
/// other; PostgreSQL is stopped and started again half way through. See docs/cluster-test.md.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    private const int Projects = 2;
    private const int ParticipantsPerProject = 100;
    private const int Rounds = 5;
    private const int WritesPerRound = 3;
    private static readonly TimeSpan FaultTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AcknowledgedWritesSurviveAGatewayKillAndADatabaseRestartExactlyOnce()
    {
        await using var cluster = await Cluster.StartAsync(gateways: 2);
        using var api = new Api(cluster.Gateways.Select(g => g.Address));
        var faults = new FaultPlan(Projects * ParticipantsPerProject * Rounds * WritesPerRound);
        var log = new ClientLog();
        var world = new World(api, cluster);
        await world.SetUpAsync(Projects, ParticipantsPerProject, (n, person, token) => new Participant(n, person, token, api, faults, log));

        var work = Task.WhenAll(world.Participants.Select(p => Task.Run(() => p.RunAsync(Rounds))));

        // A third of the way: the second gateway dies without warning; its clients move to the first.
        await Task.WhenAny(faults.KillDue, work).WaitAsync(FaultTimeout);
        Assert.False(work.IsCompleted, "The participants finished before the gateway could be killed.");
        await cluster.Gateways[1].Node.KillAsync();

        // Half way: PostgreSQL goes down, stays down until a client has seen a retryable error, comes back.
        await Task.WhenAny(faults.RestartDue, work).WaitAsync(FaultTimeout);
        Assert.False(work.IsCompleted, "The participants finished before PostgreSQL could be restarted.");
        faults.DatabaseGoingDown();
        await cluster.Database.StopAsync();
        try
        {
            await faults.ErrorWhileDatabaseDown.WaitAsync(FaultTimeout);
        }
        finally
        {
            await cluster.Database.StartAsync();
            faults.DatabaseBack();
        }

        await work.WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"Retryable errors seen by clients: {log.Summary()}");
        Assert.True(log.Violations.Count == 0,
            $"{log.Violations.Count} wrong answers or non-retryable errors:\n{string.Join('\n', log.Violations.Take(20))}\n{cluster.RecentOutput()}");

        Assert.True(faults.RetryableWhileDatabaseDown > 0, "No client saw the database go down.");
        Assert.True(log.MovedClients > 0, "No client noticed the gateway die.");
        Assert.False(cluster.Gateways[0].Node.HasExited, "The surviving gateway died.");
        Assert.False(cluster.Worker!.HasExited, "The silo worker died.");

        var problems = await new Verification(api, world, cluster.ConnectionString).RunAsync(gateway: 0);
        Assert.True(problems.Count == 0, $"{problems.Count} problems in what was stored:\n{string.Join('\n', problems.Take(30))}");
    }
}
