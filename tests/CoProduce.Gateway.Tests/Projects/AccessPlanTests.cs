using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Projects;

public abstract class AccessPlanTests(GatewayDatabase database)
{
    [Fact]
    public async Task PeopleRecordTheirOwnAccessNeeds()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        foreach (var person in new[] { world.Contributor, world.Observer })
        {
            var recorded = await world.As(person)
                .PostJson($"/api/projects/{project}/access-needs", new { personId = person, need = "Captions on video calls" })
                .Expect(HttpStatusCode.Created);
            Assert.Equal(recorded.Headers.ETag?.Tag, (await world.Read(project)).ETag);

            // The answer is the need itself, and Location finds it again for the person.
            var need = await recorded.Json();
            Assert.Equal(need.GetRawText(), Assert.Single(Plan(await Get(world, person, project))).GetRawText());
            var located = await (await world.As(person).GetAsync(recorded.Headers.Location).Expect(HttpStatusCode.OK)).Json();
            Assert.Equal(need.GetRawText(), located.GetRawText());
            Assert.Equal(person, need.GetProperty("personId").GetGuid());
            Assert.Equal(person, need.GetProperty("recordedBy").GetGuid());
            Assert.Equal("Captions on video calls", need.GetProperty("need").GetString());
            Assert.Equal(JsonValueKind.Null, need.GetProperty("met").ValueKind);
        }
    }

    [Fact]
    public async Task FacilitatorsRecordNeedsForOthersButOtherContributorsMayNot()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var recorded = await world.As(world.ProjectFacilitator)
            .PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = "BSL interpreter" })
            .Expect(HttpStatusCode.Created);
        var need = await recorded.Json();
        Assert.Equal(world.Contributor, need.GetProperty("personId").GetGuid());
        Assert.Equal(world.ProjectFacilitator, need.GetProperty("recordedBy").GetGuid());

        var otherContributor = Guid.NewGuid();
        await world.SetParticipant(project, otherContributor, "Contributor");
        var before = await world.Read(project);
        await world.As(otherContributor).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = "x" })
            .Expect(HttpStatusCode.Forbidden);
        await world.As(world.Observer).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = "x" })
            .Expect(HttpStatusCode.Forbidden);
        await world.As(world.Finance).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = "x" })
            .Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task ASupporterRecordsANeedWithThePersonAndTheRecordNamesThem()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var supporter = Guid.NewGuid();
        await world.LinkSupporter(world.Contributor, supporter);
        var recorded = await world.ActingWith(supporter, world.Contributor)
            .PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = "Meetings after 10am" })
            .Expect(HttpStatusCode.Created);
        // The answer names both, as the journal does: the need is the contributor's, recorded with their supporter.
        var need = await recorded.Json();
        Assert.Equal(world.Contributor, need.GetProperty("recordedBy").GetGuid());
        Assert.Equal(supporter, need.GetProperty("supportedBy").GetGuid());
        var journalled = Assert.Single(await world.Events(project, "AccessNeedRecorded"));
        Assert.Equal(supporter, journalled.GetProperty("supportedBy").GetGuid());
    }

    [Fact]
    public async Task FacilitatorsRecordTheAdjustmentPromisedAndWhetherItWasMet()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var needId = await world.NewAccessNeed(project);

        var promised = await world.As(world.ProjectFacilitator)
            .PutJson($"/api/projects/{project}/access-needs/{needId}", new { adjustmentPromised = "Easy Read pack posted 8 days before", met = (bool?)null })
            .Expect(HttpStatusCode.OK);
        var need = Assert.Single(Plan(await promised.Json()));
        Assert.Equal("Easy Read pack posted 8 days before", need.GetProperty("adjustmentPromised").GetString());
        Assert.Equal(JsonValueKind.Null, need.GetProperty("met").ValueKind);

        var met = await world.As(world.OrgFacilitator)
            .PutJson($"/api/projects/{project}/access-needs/{needId}", new { adjustmentPromised = "Easy Read pack posted 8 days before", met = true })
            .Expect(HttpStatusCode.OK);
        Assert.True(Assert.Single(Plan(await met.Json())).GetProperty("met").GetBoolean());

        var before = await world.Read(project);
        await world.As(world.Contributor).PutJson($"/api/projects/{project}/access-needs/{needId}", new { adjustmentPromised = "None", met = false })
            .Expect(HttpStatusCode.Forbidden);
        await world.As(world.Lead).PutJson($"/api/projects/{project}/access-needs/{Guid.NewGuid()}", new { adjustmentPromised = "x", met = true })
            .Expect(HttpStatusCode.NotFound);
        await world.As(world.Lead).PutJson($"/api/projects/{project}/access-needs/{needId}", new { adjustmentPromised = new string('a', 4001), met = true })
            .Expect(HttpStatusCode.BadRequest);
        await world.As(world.Lead).PutJson($"/api/projects/{project}/access-needs/{needId}", new { adjustmentPromised = "x", met = "yes" })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task AccessNeedsAreSeenByFacilitatorsAndByThePersonOnly()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        await world.NewAccessNeed(project);
        var observers = await world.As(world.Observer).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Observer, need = "Large print" })
            .Expect(HttpStatusCode.Created);

        Assert.Equal(2, Plan(await Get(world, world.ProjectFacilitator, project)).Count);
        Assert.Equal(2, Plan(await Get(world, world.OrgFacilitator, project)).Count);
        Assert.Equal([world.Contributor], Plan(await Get(world, world.Contributor, project)).Select(n => n.GetProperty("personId").GetGuid()));
        Assert.Equal([world.Observer], Plan(await Get(world, world.Observer, project)).Select(n => n.GetProperty("personId").GetGuid()));
        Assert.Empty(Plan(await Get(world, world.Finance, project)));

        // One need read on its own follows the same rule: the observer's is theirs and the facilitators', nobody else's.
        var location = observers.Headers.Location;
        await world.As(world.Observer).GetAsync(location).Expect(HttpStatusCode.OK);
        await world.As(world.ProjectFacilitator).GetAsync(location).Expect(HttpStatusCode.OK);
        await world.As(world.Contributor).GetAsync(location).Expect(HttpStatusCode.NotFound);
        await world.As(world.Finance).GetAsync(location).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NeedsAreRecordedForParticipantsOnly()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var response = await world.As(world.Lead).PostJson($"/api/projects/{project}/access-needs", new { personId = Guid.NewGuid(), need = "Breaks" })
            .Expect(HttpStatusCode.BadRequest);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("personId", out _));
        await world.As(world.Lead).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = " " })
            .Expect(HttpStatusCode.BadRequest);
        await world.As(world.Lead).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await world.Read(project));
    }

    private static async Task<JsonElement> Get(ProjectWorld world, Guid person, Guid project) =>
        await (await world.As(person).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK)).Json();

    private static List<JsonElement> Plan(JsonElement project) =>
        [.. project.GetProperty("preProduction").GetProperty("accessPlan").EnumerateArray()];
}

public sealed class SqliteAccessPlanTests(SqliteGateway database) : AccessPlanTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresAccessPlanTests(PostgresGateway database) : AccessPlanTests(database), IClassFixture<PostgresGateway>;
