using CoProduce.Gateway.Tests.Telemetry;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// A refused hub call (a missing right, a malformed ballot, a call before joining) is an answer to its caller, not a
/// fault: nothing about it is logged as a warning or an error, and no entry carries a stack trace, with the log
/// provider judged by rules of its own (as the console and the OpenTelemetry exporter are in production).
/// </summary>
public sealed class LiveRefusalLoggingTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task RefusedHubCallsAreLoggedAsInformationWithoutAStackTrace()
    {
        var logs = new LogCapture();
        await using var world = await LiveWorld.Create(
            database,
            settings: new Dictionary<string, string?> { [$"Logging:{LogCapture.Alias}:LogLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        var contributor = await world.Join(world.People.Contributor);
        var stranger = await world.Join(world.People.SecondContributor);
        await stranger.Hub.Leave(world.ProjectId);

        await LiveAssert.Refused("Forbidden", () => contributor.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor)));
        await LiveAssert.Refused("Invalid", () => contributor.Hub.Vote(new VoteRequest(world.ProjectId, Guid.NewGuid(), new LiveBallot(Position: "Maybe"))));
        await LiveAssert.Refused("NotJoined", () => stranger.Hub.RaiseHand(world.ProjectId));

        var refusals = logs.Entries.Where(e => e.Category == "CoProduce.Gateway.Live.LiveHubFilter").ToList();
        Assert.Contains(refusals, e => e.Level == LogLevel.Information && e.Message.Contains("GiveFloor", StringComparison.Ordinal) && e.Message.Contains("Forbidden", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.Level == LogLevel.Information && e.Message.Contains("Vote", StringComparison.Ordinal) && e.Message.Contains("Invalid", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.Level == LogLevel.Information && e.Message.Contains("RaiseHand", StringComparison.Ordinal) && e.Message.Contains("NotJoined", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Category.Contains("SignalR", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is Microsoft.AspNetCore.SignalR.HubException);
        Assert.DoesNotContain(refusals, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }
}
