using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Live;
using CoProduce.Live;
using CoProduce.Testing;
using CoProduce.Testing.Telemetry;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>
/// The gateway exports traces, metrics and logs (debug logs included) to a real OTLP/HTTP receiver while a
/// contributor, and a supporter acting with her, join the live session over real WebSockets and cast ballots in
/// an open anonymous decision through the hub. Nothing received may hold her id, and no trace holding a hub
/// vote may hold a span that names her (her join's checks included); a ballot by someone else in a decision that
/// is not anonymous, through the same hub, shows the receiver does get ids when they are there.
/// </summary>
public abstract class LiveAnonymousTelemetryTests(ITestDatabase database)
{
    /// <summary>Orleans names a grain call's span after the interface and the method.</summary>
    private const string VoteSpan = "IDecisionGrain/Vote";

    [Fact]
    public async Task NoExportedTelemetryLinksAnAnonymousHubBallotToItsVoter()
    {
        // The world is set up without telemetry: adding someone to a project names them, as it should.
        DecisionProject decisions;
        (Guid Anonymous, Guid Named) decision;
        await using (var setup = new GatewayApplication(database))
        {
            decisions = await DecisionProject.Create(setup);
            decision = (
                DecisionProject.Id(await decisions.Decide("Consent", extra: new { anonymous = true })),
                DecisionProject.Id(await decisions.Decide("Consent")));
        }

        var people = decisions.People;
        var (voter, namedVoter) = (people.Contributor, people.SecondContributor);
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var world = LiveWorld.Serve(database, people, new Dictionary<string, string?>
        {
            ["CoProduce:Telemetry:OtlpEndpoint"] = receiver.Endpoint.ToString(),
            ["CoProduce:Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        }))
        {
            var asVoter = await world.Join(voter);
            var asSupporter = await world.Join(people.Supporter, actingWith: voter);
            await asVoter.Hub.Vote(new VoteRequest(world.ProjectId, decision.Anonymous, new LiveBallot(Position: "Agree")));
            await asSupporter.Hub.Vote(new VoteRequest(world.ProjectId, decision.Anonymous, new LiveBallot(Position: "Disagree", Reason: "Too rushed")));

            // The control: a ballot through the same hub, in a decision that is not anonymous, by someone else.
            var asNamedVoter = await world.Join(namedVoter);
            await asNamedVoter.Hub.Vote(new VoteRequest(world.ProjectId, decision.Named, new LiveBallot(Position: "Agree")));

            // The three hub votes reach the receiver (spans are sent in batches), so the search below is over real
            // exports; the control's voter appearing shows the search finds an id when it is there.
            await receiver.WaitUntil(
                r => OtlpSpans.Of(r).Count(s => s.Name.EndsWith(VoteSpan, StringComparison.Ordinal)) >= 3
                    && r.Received("logs").Count > 0
                    // The control's grain ids do reach the receiver: the named decision's key (Orleans writes a Guid key
                    // without dashes) on the span of the control's ballot.
                    && r.All.Any(e => e.Contains(decision.Named.ToString("N"), StringComparison.OrdinalIgnoreCase)
                        || e.Contains(decision.Named.ToString("D"), StringComparison.OrdinalIgnoreCase)),
                TimeSpan.FromSeconds(90),
                () => $"three {VoteSpan} spans, logs and the control's voter; received {string.Join(", ", receiver.Signals)}");
        }

        // Disposing the gateway flushed what was left (the connections' own spans among it).
        string[] forms = [voter.ToString("D"), voter.ToString("N"), voter.ToString("D").ToUpperInvariant()];
        var spans = OtlpSpans.Of(receiver);
        var voteTraces = spans.Where(s => s.Name.EndsWith(VoteSpan, StringComparison.Ordinal)).Select(s => s.TraceId).ToHashSet();
        Assert.True(voteTraces.Count >= 3, $"Expected the hub votes in traces of their own; found {voteTraces.Count} traces.");

        // A vote's trace, and every trace a span of it links to (a link joins traces as surely as a parent does).
        var reachable = voteTraces.Concat(spans.Where(s => voteTraces.Contains(s.TraceId)).SelectMany(s => s.LinkedTraces)).ToHashSet();
        var naming = spans.Where(s => reachable.Contains(s.TraceId) && forms.Any(f => s.Text.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(naming.Count == 0, $"A trace holding or linked from a hub vote names the anonymous voter in: {string.Join(", ", naming.Select(s => s.Name))}");

        foreach (var form in forms)
        {
            var leak = receiver.All.FirstOrDefault(e => e.Contains(form, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"An export names the anonymous voter: ...{Around(leak, form)}...");
        }
    }

    private static string Around(string? export, string form)
    {
        if (export is null)
        {
            return "";
        }

        var at = export.IndexOf(form, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 300);
        return new string([.. export[start..Math.Min(export.Length, at + 100)].Select(c => char.IsControl(c) ? ' ' : c)]);
    }
}

[Collection(TelemetryExportCollection.Name)]
public sealed class SqliteLiveAnonymousTelemetryTests(SqliteDatabase database) : LiveAnonymousTelemetryTests(database), IClassFixture<SqliteDatabase>;

[Collection(TelemetryExportCollection.Name)]
public sealed class PostgresLiveAnonymousTelemetryTests(PostgresDatabase database) : LiveAnonymousTelemetryTests(database), IClassFixture<PostgresDatabase>;
