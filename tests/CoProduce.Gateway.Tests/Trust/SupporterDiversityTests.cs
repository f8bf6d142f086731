using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Representation;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// A supporter acting with someone only proposes a change to their diversity answers (202): her stored answers, and
/// every aggregate counting them, stay as they were until she confirms it herself, and the answers then name the
/// supporter; the supporter cannot confirm, may withdraw their own proposal, and she may reject one.
/// </summary>
public abstract class SupporterDiversityTests(GatewayDatabase database)
{
    private const string Mine = "/api/me/diversity";

    [Fact]
    public async Task ASupportersChangeToDiversityAnswersWaitsForThePersonAndEveryAggregateCountsTheOldAnswers()
    {
        var app = database.Shared;
        var world = await RepresentationProject.Create(app);
        var people = world.People;
        var supporter = people.AsSupporterOf(people.Contributor);
        var extra = await people.AddContributors(9);

        // Twelve contributors, six in each age group; she is one of the older six.
        List<Guid> older = [people.Contributor, .. extra.Take(5)];
        List<Guid> younger = [people.SecondContributor, people.ThirdContributor, .. extra.Skip(5)];
        foreach (var (person, age) in older.Select(p => (p, "65 to 74")).Concat(younger.Select(p => (p, "25 to 34"))))
        {
            await world.Give(person, ("AgeGroup", age)).Expect(HttpStatusCode.OK);
        }

        var first = await world.View();
        Assert.Equal([("25 to 34", 6), ("65 to 74", 6)], RepresentationProject.Cells(first, "AgeGroup"));

        // The supporter proposes moving her to the younger group: 202, and her answers are as they were.
        var answers = new[] { new { characteristic = "AgeGroup", value = "25 to 34" } };
        await supporter.PutJson(Mine, new { consent = false, answers }).Expect(HttpStatusCode.BadRequest);
        var proposed = await (await supporter.PutJson(Mine, new { consent = true, answers }).Expect(HttpStatusCode.Accepted)).Json();
        var pending = Assert.Single(proposed.GetProperty("pending").EnumerateArray());
        Assert.Equal(people.Supporter, pending.GetProperty("proposedBy").GetGuid());
        Assert.Equal("25 to 34", pending.GetProperty("answers")[0].GetProperty("value").GetString());
        var change = pending.GetProperty("id").GetGuid();
        await AssertHerAnswers(world, "65 to 74", supportedBy: null);

        // She sees it waiting, naming the supporter.
        var listed = await (await world.As(people.Contributor).GetAsync($"{Mine}/pending").Expect(HttpStatusCode.OK)).Json();
        var waiting = Assert.Single(listed.GetProperty("pending").EnumerateArray());
        Assert.Equal(change, waiting.GetProperty("id").GetGuid());
        Assert.Equal(people.Supporter, waiting.GetProperty("proposedBy").GetGuid());

        // While it waits every aggregate counts her old answer: five others restate theirs, a new snapshot is
        // published, and it has six in each group (seven and five had the proposal counted).
        foreach (var person in extra.Take(5))
        {
            await world.Give(person, ("AgeGroup", "65 to 74")).Expect(HttpStatusCode.OK);
        }

        var second = await world.View();
        Assert.NotEqual(first.GetProperty("summary").GetProperty("publishedAt").GetString(), second.GetProperty("summary").GetProperty("publishedAt").GetString());
        Assert.Equal([("25 to 34", 6), ("65 to 74", 6)], RepresentationProject.Cells(second, "AgeGroup"));
        var report = await (await world.As(people.Facilitator).GetAsync($"/api/projects/{people.ProjectId}/power-balance").Expect(HttpStatusCode.OK)).Json();
        var rows = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "representation")
            .GetProperty("details").GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()).ToList()).ToList();
        Assert.Contains(rows, r => r[1] == "aggregate" && r[3] == "65 to 74" && r[4] == "6");
        Assert.Contains(rows, r => r[1] == "aggregate" && r[3] == "25 to 34" && r[4] == "6");

        // Only she confirms; the supporter cannot. Then her answers are the new ones and name the supporter.
        await supporter.PostAsync($"{Mine}/pending/{change}/confirm", null).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Contributor).PostAsync($"{Mine}/pending/{Guid.NewGuid()}/confirm", null).Expect(HttpStatusCode.NotFound);
        var confirmed = await (await world.As(people.Contributor).PostAsync($"{Mine}/pending/{change}/confirm", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(confirmed.GetProperty("pending").EnumerateArray());
        await AssertHerAnswers(world, "25 to 34", people.Supporter);
        await world.As(people.Contributor).PostAsync($"{Mine}/pending/{change}/confirm", null).Expect(HttpStatusCode.NotFound);

        // A withdrawal the supporter proposes deletes nothing until she decides; the supporter may take it back.
        var withdrawal = await (await supporter.DeleteAsync(Mine).Expect(HttpStatusCode.Accepted)).Json();
        var proposal = Assert.Single(withdrawal.GetProperty("pending").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("answers").ValueKind);
        await AssertHerAnswers(world, "25 to 34", people.Supporter);
        var takenBack = await (await supporter.PostAsync($"{Mine}/pending/{proposal.GetProperty("id").GetGuid()}/reject", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(takenBack.GetProperty("pending").EnumerateArray());

        // She rejects another proposal: nothing changes.
        var again = await (await supporter.PutJson(Mine, new { consent = true, answers = new[] { new { characteristic = "AgeGroup", value = "45 to 54" } } })
            .Expect(HttpStatusCode.Accepted)).Json();
        var rejectedId = Assert.Single(again.GetProperty("pending").EnumerateArray()).GetProperty("id").GetGuid();
        await world.As(people.Contributor).PostAsync($"{Mine}/pending/{rejectedId}/reject", null).Expect(HttpStatusCode.OK);
        await AssertHerAnswers(world, "25 to 34", people.Supporter);

        // The journal names the supporter and never holds an answer.
        var journal = await Scenario.Journal(app, "diversity", people.Contributor);
        Assert.Equal(
            ["DiversityDataGiven", "DiversityChangeProposed", "DiversityDataGiven", "DiversityChangeProposed", "DiversityChangeRejected", "DiversityChangeProposed", "DiversityChangeRejected"],
            journal.Select(e => e.Type.Split('.')[^1]));
        Assert.Equal(people.Supporter, journal[2].Body.GetProperty("supportedBy").GetGuid());
        Assert.DoesNotContain(journal, e => e.Body.GetRawText().Contains(" to ", StringComparison.Ordinal));
    }

    private static async Task AssertHerAnswers(RepresentationProject world, string age, Guid? supportedBy)
    {
        var hers = await (await world.As(world.People.Contributor).GetAsync(Mine).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(age, Assert.Single(hers.GetProperty("answers").EnumerateArray()).GetProperty("value").GetString());
        if (supportedBy is { } supporter)
        {
            Assert.Equal(supporter, hers.GetProperty("supportedBy").GetGuid());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, hers.GetProperty("supportedBy").ValueKind);
        }
    }
}

public sealed class SqliteSupporterDiversityTests(SqliteGateway database) : SupporterDiversityTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresSupporterDiversityTests(PostgresGateway database) : SupporterDiversityTests(database), IClassFixture<PostgresGateway>;
