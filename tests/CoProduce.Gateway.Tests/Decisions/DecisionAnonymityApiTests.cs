using System.Net;
using CoProduce.Journal.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Decisions;

public abstract class DecisionAnonymityApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task NobodyCanTellWhoVotedWhatInAnAnonymousDecision()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var people = world.People;
        var decision = await world.Decide("Consent", extra: new { anonymous = true });
        var id = DecisionProject.Id(decision);

        // The facilitator votes too, but is named as creator and closer anyway; the contributors must appear nowhere.
        Guid[] contributors = [people.Contributor, people.SecondContributor, people.ThirdContributor];
        await world.Vote(decision, people.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, people.SecondContributor, new { position = "Disagree", reason = "Too rushed" }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, people.ThirdContributor, new { position = "Block", reason = "Unsafe at night" }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, people.Facilitator, new { position = "Abstain" }).Expect(HttpStatusCode.OK);

        // A change of mind replaces the earlier vote under the same hidden key.
        await world.Vote(decision, people.Contributor, new { position = "Disagree", reason = "Changed my mind" }).Expect(HttpStatusCode.OK);
        var mine = await (await world.As(people.Contributor).GetAsync($"{world.Url}/{id}/ballot").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Disagree", mine.GetProperty("ballot").GetProperty("position").GetString());
        await world.Close(decision).Expect(HttpStatusCode.OK);

        // Staff see counts and reasons, never names.
        var read = await world.Read(decision, people.StaffFacilitator);
        Assert.Equal(4, read.GetProperty("voters").GetInt32());
        Assert.Empty(read.GetProperty("votes").EnumerateArray());
        var results = read.GetProperty("results");
        Assert.Equal(2, results.GetProperty("consent").GetProperty("disagree").GetInt32());
        Assert.All(results.GetProperty("dissent").EnumerateArray(), d => Assert.Equal(System.Text.Json.JsonValueKind.Null, d.GetProperty("personId").ValueKind));
        Assert.Equal(3, results.GetProperty("dissent").GetArrayLength());

        // Neither the stored decision nor its journal names a voter anywhere.
        var journal = await app.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new JournalId("decision", id.ToString("D")), 0, 1000);
        Assert.Equal(5, journal.Count(e => e.Type.Contains("VoteCast", StringComparison.Ordinal)));
        var stored = (await database.DumpAsync()).Where(r => r.StartsWith($"decision | {id:D} |", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stored);
        foreach (var voter in contributors)
        {
            foreach (var text in new[] { voter.ToString("D"), voter.ToString("N") })
            {
                Assert.DoesNotContain(journal, e => e.Json.Contains(text, StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain(stored, r => r.Contains(text, StringComparison.OrdinalIgnoreCase));
            }
        }

        Assert.All(journal.Where(e => e.Type.Contains("VoteCast", StringComparison.Ordinal)), e =>
            Assert.DoesNotContain(people.Facilitator.ToString("D"), e.Json, StringComparison.OrdinalIgnoreCase));
        AnonymousKeys.AssertTheDatabaseAloneNamesNobody(stored.Single(r => r.Contains("voterKeySecret", StringComparison.OrdinalIgnoreCase)), [.. contributors, people.Facilitator]);
    }

    [Fact]
    public async Task AnOpenDecisionShowsWhoVotedWhat()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("Consent");
        await world.Vote(decision, world.People.SecondContributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        var votes = (await world.Read(decision)).GetProperty("votes");
        Assert.Equal(world.People.SecondContributor, votes[0].GetProperty("personId").GetGuid());
    }
}

public sealed class SqliteDecisionAnonymityApiTests(SqliteGateway database) : DecisionAnonymityApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresDecisionAnonymityApiTests(PostgresGateway database) : DecisionAnonymityApiTests(database), IClassFixture<PostgresGateway>;
