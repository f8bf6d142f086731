using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Projects;

public abstract class ProjectStageTests(GatewayDatabase database)
{
    [Fact]
    public async Task AProjectMovesForwardOneStageAtATime()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var lead = world.As(world.Lead);

        var moved = await Move(lead, project, "Agenda").Expect(HttpStatusCode.OK);
        Assert.Equal("Agenda", (await moved.Json()).GetProperty("stage").GetString());
        Assert.Equal(moved.Headers.ETag?.Tag, (await world.Read(project)).ETag);

        var before = await world.Read(project);
        await Move(lead, project, "Delivery").Expect(HttpStatusCode.Conflict);
        await Move(lead, project, "Agenda").Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await world.Read(project));

        foreach (var stage in new[] { "Decisions", "Delivery", "Evaluation", "Feedback", "Closed" })
        {
            await Move(lead, project, stage).Expect(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task AStageChangeIsStampedWithTheHostsClock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        clock.Advance(TimeSpan.FromDays(3));

        var moved = await (await Move(world.As(world.Lead), project, "Agenda").Expect(HttpStatusCode.OK)).Json();

        var change = Assert.Single(moved.GetProperty("stageHistory").EnumerateArray());
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero), change.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AProjectMayLoopBackToAnyEarlierStage()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var lead = world.As(world.Lead);
        foreach (var stage in new[] { "Agenda", "Decisions", "Delivery" })
        {
            await Move(lead, project, stage).Expect(HttpStatusCode.OK);
        }

        await Move(lead, project, "Agenda", "The group asked to revisit the agenda.").Expect(HttpStatusCode.OK);
        var back = await Move(lead, project, "PreProduction", "The scope needs rewriting.").Expect(HttpStatusCode.OK);
        var body = await back.Json();
        Assert.Equal("PreProduction", body.GetProperty("stage").GetString());
        Assert.Equal(
            ["Agenda", "Decisions", "Delivery", "Agenda", "PreProduction"],
            body.GetProperty("stageHistory").EnumerateArray().Select(c => c.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task AnyStageMayCloseAndNothingLeavesClosed()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var line = await world.NewBudgetLine(project);
        var need = await world.NewAccessNeed(project);
        var lead = world.As(world.Lead);
        await Move(lead, project, "Closed", "The service was decommissioned.").Expect(HttpStatusCode.OK);

        var closed = await world.Read(project);
        foreach (var stage in new[] { "PreProduction", "Agenda", "Feedback", "Closed" })
        {
            await Move(lead, project, stage).Expect(HttpStatusCode.Conflict);
        }

        // Closed is final, so nothing inside a closed project changes either.
        await lead.SendAsync(ProjectCalls.WithIfMatch(HttpMethod.Put, $"/api/projects/{project}/pre-production", closed.ETag, ProjectCalls.PreProductionBody("Late")))
            .Expect(HttpStatusCode.Conflict);
        await lead.PostJson($"/api/projects/{project}/budget-lines", new { description = "Room", amount = 10m, currency = "GBP" }).Expect(HttpStatusCode.Conflict);
        await world.As(world.Contributor).PostAsync($"/api/projects/{project}/budget-lines/{line}/agreement", null).Expect(HttpStatusCode.Conflict);
        await world.As(world.Contributor).PostJson($"/api/projects/{project}/access-needs", new { personId = world.Contributor, need = "Captions" })
            .Expect(HttpStatusCode.Conflict);
        await lead.PutJson($"/api/projects/{project}/access-needs/{need}", new { adjustmentPromised = "x", met = true }).Expect(HttpStatusCode.Conflict);
        await lead.PutJson($"/api/projects/{project}/participants/{Guid.NewGuid()}", new { role = "Contributor" }).Expect(HttpStatusCode.Conflict);
        Assert.Equal(closed, await world.Read(project));
        await world.As(world.Observer).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task EachStageChangeRecordsWhoAndWhy()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        await Move(world.As(world.ProjectFacilitator), project, "Agenda", "Aims agreed with the group on 12 March.").Expect(HttpStatusCode.OK);

        // Facilitating is a role, not the facilitator's own participation: a supporter acting with them cannot move the stage.
        var supporter = Guid.NewGuid();
        await world.LinkSupporter(world.ProjectFacilitator, supporter);
        await Move(world.ActingWith(supporter, world.ProjectFacilitator), project, "PreProduction", "Recruitment is not finished.")
            .Expect(HttpStatusCode.Forbidden);
        var response = await Move(world.As(world.ProjectFacilitator), project, "PreProduction", "  Recruitment is not finished.  ")
            .Expect(HttpStatusCode.OK);

        var history = (await response.Json()).GetProperty("stageHistory").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("PreProduction", history[0].GetProperty("from").GetString());
        Assert.Equal("Agenda", history[0].GetProperty("to").GetString());
        Assert.Equal(world.ProjectFacilitator, history[0].GetProperty("by").GetGuid());
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("supportedBy").ValueKind);
        Assert.Equal("Aims agreed with the group on 12 March.", history[0].GetProperty("reason").GetString());
        Assert.True(history[0].GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(world.ProjectFacilitator, history[1].GetProperty("by").GetGuid());
        Assert.Equal(JsonValueKind.Null, history[1].GetProperty("supportedBy").ValueKind);
        Assert.Equal("Recruitment is not finished.", history[1].GetProperty("reason").GetString());

        var journalled = await world.Events(project, "StageChanged");
        Assert.Equal(2, journalled.Count);
        Assert.All(journalled, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("supportedBy").ValueKind));
    }

    [Theory]
    [InlineData("{\"stage\":\"Agenda\",\"reason\":\"\"}", "reason")]
    [InlineData("{\"stage\":\"Agenda\",\"reason\":\"   \"}", "reason")]
    [InlineData("{\"stage\":\"Agenda\",\"reason\":\"{long}\"}", "reason")]
    [InlineData("{\"stage\":\"Agenda\"}", null)]
    [InlineData("{\"stage\":\"Launch\",\"reason\":\"x\"}", null)]
    [InlineData("{\"stage\":1,\"reason\":\"x\"}", null)]
    [InlineData("{\"reason\":\"x\"}", null)]
    public async Task AStageChangeNeedsAKnownStageAndAReason(string json, string? field)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var body = json.Replace("{long}", new string('a', 4001), StringComparison.Ordinal);
        var response = await world.As(world.Lead)
            .PostAsync($"/api/projects/{project}/stage", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task IfMatchIsOptionalButHonoured()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var lead = world.As(world.Lead);
        var stale = (await world.Read(project)).ETag;
        await Move(lead, project, "Agenda").Expect(HttpStatusCode.OK);

        var before = await world.Read(project);
        await lead.SendAsync(ProjectCalls.WithIfMatch(HttpMethod.Post, $"/api/projects/{project}/stage", stale, new { stage = "Decisions", reason = "x" }))
            .Expect(HttpStatusCode.PreconditionFailed);
        await lead.SendAsync(ProjectCalls.WithIfMatch(HttpMethod.Post, $"/api/projects/{project}/stage", "three", new { stage = "Decisions", reason = "x" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await world.Read(project));
        await lead.SendAsync(ProjectCalls.WithIfMatch(HttpMethod.Post, $"/api/projects/{project}/stage", before.ETag, new { stage = "Decisions", reason = "x" }))
            .Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ContributorsObserversAndFinanceStaffDoNotMoveStages()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        foreach (var person in new[] { world.Contributor, world.Observer, world.Finance })
        {
            await Move(world.As(person), project, "Agenda").Expect(HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await world.Read(project));
    }

    private static Task<HttpResponseMessage> Move(HttpClient client, Guid project, string stage, string reason = "The group agreed.") =>
        client.PostJson($"/api/projects/{project}/stage", new { stage, reason });
}

public sealed class SqliteProjectStageTests(SqliteGateway database) : ProjectStageTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresProjectStageTests(PostgresGateway database) : ProjectStageTests(database), IClassFixture<PostgresGateway>;
