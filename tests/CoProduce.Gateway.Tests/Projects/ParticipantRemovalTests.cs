using System.Net;

namespace CoProduce.Gateway.Tests.Projects;

/// <summary>Removing a participant, or leaving: who may, what is kept, and the refusals that change nothing.</summary>
public abstract class ParticipantRemovalTests(GatewayDatabase database)
{
    [Fact]
    public async Task AFacilitatorRemovesAParticipantAndTheJournalSaysWhoDidIt()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();

        await world.As(world.ProjectFacilitator).DeleteAsync($"/api/projects/{project}/participants/{world.Contributor}")
            .Expect(HttpStatusCode.NoContent);

        var participants = (await (await world.As(world.Lead).GetAsync($"/api/projects/{project}")).Json()).GetProperty("participants");
        Assert.DoesNotContain(participants.EnumerateArray(), p => p.GetProperty("personId").GetGuid() == world.Contributor);
        var removed = Assert.Single(await world.Events(project, "ParticipantRemoved"));
        Assert.Equal(world.Contributor, removed.GetProperty("personId").GetGuid());
        Assert.Equal(world.ProjectFacilitator, removed.GetProperty("by").GetGuid());

        // They no longer see the project, and removing them again finds nobody to remove.
        await world.As(world.Contributor).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.NotFound);
        await world.As(world.ProjectFacilitator).DeleteAsync($"/api/projects/{project}/participants/{world.Contributor}")
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AParticipantLeavesThemselvesOrWithTheirSupporter()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var supporter = Guid.NewGuid();
        await world.LinkSupporter(world.Contributor, supporter);

        await world.ActingWith(supporter, world.Contributor).DeleteAsync($"/api/projects/{project}/participants/{world.Contributor}")
            .Expect(HttpStatusCode.NoContent);
        await world.As(world.Observer).DeleteAsync($"/api/projects/{project}/participants/{world.Observer}")
            .Expect(HttpStatusCode.NoContent);

        var events = await world.Events(project, "ParticipantRemoved");
        Assert.Contains(events, e => e.GetProperty("personId").GetGuid() == world.Contributor
            && e.GetProperty("by").GetGuid() == world.Contributor && e.GetProperty("supportedBy").GetGuid() == supporter);
        Assert.Contains(events, e => e.GetProperty("personId").GetGuid() == world.Observer && e.GetProperty("by").GetGuid() == world.Observer);
    }

    [Fact]
    public async Task TheLastFacilitatorCannotBeRemovedOrLeaveAndNothingChanges()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        await world.As(world.Lead).DeleteAsync($"/api/projects/{project}/participants/{world.ProjectFacilitator}")
            .Expect(HttpStatusCode.NoContent);
        var before = await world.Read(project);

        // The lead is now the only facilitator: neither they nor an organisation admin can take them out.
        foreach (var caller in new[] { world.Lead, world.Admin })
        {
            var refused = await world.As(caller).DeleteAsync($"/api/projects/{project}/participants/{world.Lead}")
                .Expect(HttpStatusCode.Conflict);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("facilitator", (await refused.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task RemovingSomeoneWhoIsNotAParticipantIsNotFoundAndChangesNothing()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);

        foreach (var url in new[]
        {
            $"/api/projects/{project}/participants/{world.Stranger}",
            $"/api/projects/{project}/participants/{Guid.Empty}",
            $"/api/projects/{Guid.NewGuid()}/participants/{world.Contributor}",
        })
        {
            var refused = await world.As(world.Lead).DeleteAsync(url).Expect(HttpStatusCode.NotFound);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        await world.As(world.Lead).DeleteAsync($"/api/projects/{project}/participants/not-a-guid").Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await world.Read(project));
        Assert.Empty(await world.Events(project, "ParticipantRemoved"));
    }
}

public sealed class SqliteParticipantRemovalTests(SqliteGateway database) : ParticipantRemovalTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresParticipantRemovalTests(PostgresGateway database) : ParticipantRemovalTests(database), IClassFixture<PostgresGateway>;
