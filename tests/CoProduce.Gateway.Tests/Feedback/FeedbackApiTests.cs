using System.Net;
using CoProduce.Gateway.Tests.Decisions;

namespace CoProduce.Gateway.Tests.Feedback;

public abstract class FeedbackApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task FacilitatorsDraftAndPublishToTheVotersWhoseAnswersAreRecorded()
    {
        var app = database.Shared;
        var world = await FeedbackProject.Create(app);
        var people = world.People;
        var decision = await world.ClosedDecision(false, people.Contributor, people.SecondContributor);

        await world.Draft(decision, people.Contributor).Expect(HttpStatusCode.Forbidden);
        await world.Draft(decision, people.Observer).Expect(HttpStatusCode.Forbidden);
        await world.Draft(decision, people.Stranger).Expect(HttpStatusCode.NotFound);
        var draft = await (await world.Draft(decision).Expect(HttpStatusCode.Created)).Json();
        var id = FeedbackProject.Id(draft);
        Assert.Equal("Draft", draft.GetProperty("status").GetString());

        // A draft is the facilitators' until published.
        await world.As(people.Contributor).GetAsync($"{world.Url}/{id}").Expect(HttpStatusCode.NotFound);
        Assert.Equal(0, (await world.List(people.Contributor)).GetProperty("total").GetInt32());
        await world.Respond(id, people.Contributor, true).Expect(HttpStatusCode.NotFound);
        await world.Publish(id, people.Contributor).Expect(HttpStatusCode.Forbidden);

        var published = await (await world.Publish(id).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Published", published.GetProperty("status").GetString());
        Assert.Equal(
            new[] { people.Contributor, people.SecondContributor }.Order(),
            FeedbackProject.Guids(published.GetProperty("addressees")).Order());
        await world.Publish(id).Expect(HttpStatusCode.Conflict);

        await world.Respond(id, people.ThirdContributor, true).Expect(HttpStatusCode.Forbidden);
        await world.Respond(id, people.Observer, true).Expect(HttpStatusCode.Forbidden);
        await world.Respond(id, people.Contributor, true).Expect(HttpStatusCode.OK);
        var before = await world.Snapshot(id);
        var bare = await (await world.Respond(id, people.SecondContributor, false).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(bare.GetProperty("errors").TryGetProperty("comment", out _));
        Assert.Equal(before, await world.Snapshot(id));
        var challenged = await (await world.Respond(id, people.SecondContributor, false, "Midnight is still too early.").Expect(HttpStatusCode.OK)).Json();

        var responses = challenged.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(2, responses.Count);
        Assert.Contains(responses, r => r.GetProperty("personId").GetGuid() == people.SecondContributor && !r.GetProperty("signOff").GetBoolean());
        var journal = await Scenario.Journal(app, "feedback", id);
        Assert.Equal(2, journal.Count(e => e.Type.Contains("FeedbackResponded", StringComparison.Ordinal)));

        var mine = await (await world.As(people.SecondContributor).GetAsync("/api/me/feedback").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(id, FeedbackProject.Id(mine.GetProperty("items")[0]));
        var notMine = await (await world.As(people.ThirdContributor).GetAsync("/api/me/feedback").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, notMine.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnAnonymousDecisionsFeedbackGoesToEveryContributor()
    {
        var app = database.Shared;
        var world = await FeedbackProject.Create(app);
        var people = world.People;
        var decision = await world.ClosedDecision(true, people.Contributor);
        var id = await world.Published(decision);

        var entry = await (await world.As(people.ThirdContributor).GetAsync($"{world.Url}/{id}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(
            new[] { people.Contributor, people.SecondContributor, people.ThirdContributor }.Order(),
            FeedbackProject.Guids(entry.GetProperty("addressees")).Order());
        await world.Respond(id, people.ThirdContributor, true, "Thank you").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FeedbackOfAProjectYouCanNoLongerSeeLeavesYourList()
    {
        var app = database.Shared;
        var world = await FeedbackProject.Create(app);
        var other = await FeedbackProject.Create(app);
        var people = world.People;

        // The staff facilitator sees the project only as organisation staff, and votes as a facilitator may.
        var id = await world.Published(await world.ClosedDecision(false, people.StaffFacilitator, people.Contributor));
        await Enrolment.Enrol(other.As, other.People.Facilitator, other.People.ProjectId, people.StaffFacilitator, "Contributor");
        var kept = await other.Published(await other.ClosedDecision(false, people.StaffFacilitator));
        Assert.Equal([kept, id], await Mine(world, people.StaffFacilitator));

        await world.As(people.Facilitator).PutJson(
                $"/api/organisations/{people.OrganisationId}/members/{people.StaffFacilitator}", new { displayName = "Sam", roles = Array.Empty<string>() })
            .Expect(HttpStatusCode.OK);

        // Off the staff, the project is out of sight: its entry is neither listed nor counted, nor readable.
        await world.As(people.StaffFacilitator).GetAsync($"{world.Url}/{id}").Expect(HttpStatusCode.NotFound);
        var mine = await (await world.As(people.StaffFacilitator).GetAsync("/api/me/feedback").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        Assert.Equal([kept], await Mine(world, people.StaffFacilitator));
        Assert.Equal([id], await Mine(world, people.Contributor));
    }

    private static async Task<List<Guid>> Mine(FeedbackProject world, Guid person)
    {
        var page = await (await world.As(person).GetAsync("/api/me/feedback").Expect(HttpStatusCode.OK)).Json();
        return [.. page.GetProperty("items").EnumerateArray().Select(FeedbackProject.Id)];
    }

    [Fact]
    public async Task ForeignersAreToldNothingExistsAndChangeNothing()
    {
        var app = database.Shared;
        var world = await FeedbackProject.Create(app);
        var people = world.People;
        var id = await world.Published(await world.ClosedDecision(false, people.Contributor));
        var before = await world.Snapshot(id);

        foreach (var outsider in new[] { people.Stranger, people.OtherOrganisationAdmin })
        {
            await world.As(outsider).GetAsync($"{world.Url}/{id}").Expect(HttpStatusCode.NotFound);
            await world.As(outsider).GetAsync(world.Url).Expect(HttpStatusCode.NotFound);
            await world.Respond(id, outsider, true).Expect(HttpStatusCode.NotFound);
            await world.Publish(id, outsider).Expect(HttpStatusCode.NotFound);
            await world.As(outsider).PutJson($"/api/organisations/{people.OrganisationId}/settings", new { feedbackOverdueAfterDays = 3 }).Expect(HttpStatusCode.NotFound);
        }

        await world.As(people.Facilitator).GetAsync($"/api/projects/{Guid.NewGuid()}/feedback/{id}").Expect(HttpStatusCode.NotFound);
        await world.As(people.Contributor).PostJson($"/api/projects/{Guid.NewGuid()}/feedback/{id}/response", new { signOff = true })
            .Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await world.Snapshot(id));
    }

    [Fact]
    public async Task AnOpenDecisionOrAnotherProjectsDecisionOrActionIsRefused()
    {
        var app = database.Shared;
        var world = await FeedbackProject.Create(app);
        var other = await FeedbackProject.Create(app);
        var open = await world.Decisions.Decide("Consent");
        await world.Draft(open).Expect(HttpStatusCode.Conflict);

        var foreign = await other.ClosedDecision(false, other.People.Contributor);
        var refused = await (await world.Draft(foreign).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(refused.GetProperty("errors").TryGetProperty("decisionId", out _));

        var foreignAction = await (await other.As(other.People.Facilitator).PostJson($"/api/projects/{other.People.ProjectId}/actions", new
        {
            title = "Late shift",
            ownerId = other.People.Contributor,
            decisionIds = new[] { DecisionProject.Id(foreign) },
        }).Expect(HttpStatusCode.Created)).Json();
        var closed = await world.ClosedDecision(false, world.People.Contributor);
        await world.Draft(closed, actions: [foreignAction.GetProperty("id").GetGuid()]).Expect(HttpStatusCode.BadRequest);
        await world.As(world.People.Facilitator).PostJson(world.Url, new { decisionId = DecisionProject.Id(closed), summary = "Said" })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await world.List()).GetProperty("total").GetInt32());
    }
}

public sealed class SqliteFeedbackApiTests(SqliteGateway database) : FeedbackApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresFeedbackApiTests(PostgresGateway database) : FeedbackApiTests(database), IClassFixture<PostgresGateway>;
