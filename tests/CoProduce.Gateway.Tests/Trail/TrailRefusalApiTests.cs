using System.Net;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Trail;

public abstract class TrailRefusalApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task AgendaItemsThatAreNotTheProjectsOrNamedTwiceAreRefusedAndNothingIsCreated()
    {
        var app = database.Shared;
        var world = await TrailProject.Create(app);
        var other = await TrailProject.Create(app);
        var people = world.People;
        var item = await world.Item(people.Contributor, "Respite at weekends");
        var foreign = await other.Item(other.People.Contributor, "Another project's item");
        var withdrawn = await world.Item(people.Contributor, "Taken back");
        await AgendaProject.Send(world.As(people.Contributor), HttpMethod.Delete, $"{people.Url}/items/{withdrawn}", null, "\"1\"").Expect(HttpStatusCode.OK);
        var agenda = await people.Snapshot();

        foreach (var ids in new Guid[][] { [Guid.NewGuid()], [item, foreign], [item, item], [.. Enumerable.Range(0, 51).Select(_ => Guid.NewGuid())] })
        {
            var refused = await world.Decisions.Post("Consent", extra: new { agendaItemIds = ids }).Expect(HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("agendaItemIds", out _));
        }

        var conflict = await world.Decisions.Post("Consent", extra: new { agendaItemIds = new[] { item, withdrawn } }).Expect(HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        foreach (var bad in new object[] { "not a list", new[] { "not-a-guid" }, new object?[] { null } })
        {
            await world.Decisions.Post("Consent", extra: new { agendaItemIds = bad }).Expect(HttpStatusCode.BadRequest);
        }

        // Only facilitators create decisions, whatever items they name.
        await world.Decisions.Post("Consent", extra: new { agendaItemIds = new[] { item } }, by: people.Contributor).Expect(HttpStatusCode.Forbidden);

        var list = await (await world.As(people.Facilitator).GetAsync(world.Decisions.Url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(agenda, await people.Snapshot());

        // The foreign item is refused here, but its own project's facilitator may take it up.
        await other.Decide("Consent", [foreign]);
    }

    [Fact]
    public async Task ADecisionStoredBeforeItCouldTakeUpItemsReadsAsTakingUpNone()
    {
        TrailProject world;
        Guid decisionId;
        await using (var first = new GatewayApplication(database))
        {
            world = await TrailProject.Create(first);
            var decision = await world.Decisions.Decide("Consent");
            decisionId = DecisionProject.Id(decision);

            // Rewrite the stored state as an older build wrote it, with no list of agenda items.
            var storage = first.Services.GetRequiredService<IGrainStorage>();
            var key = new StateKey("decision", decisionId.ToString("D"), "decision");
            var stored = (await storage.ReadStateAsync(key, CancellationToken.None))!;
            var json = System.Text.Json.Nodes.JsonNode.Parse(stored.Json!)!.AsObject();
            Assert.True(json.Remove("agendaItemIds"));
            await storage.WriteStateAsync(key, json.ToJsonString(), stored.Etag, [], CancellationToken.None);
        }

        await using var second = new GatewayApplication(database);
        var people = world.People;
        var client = second.CreateClient(people.Facilitator);
        var read = await (await client.GetAsync($"{world.Decisions.Url}/{decisionId}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, read.GetProperty("agendaItemIds").GetArrayLength());
        var trail = await (await client.GetAsync($"{world.Decisions.Url}/{decisionId}/trail").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, trail.GetProperty("agendaItems").GetArrayLength());
        await client.PostAsync($"{world.Decisions.Url}/{decisionId}/close", null).Expect(HttpStatusCode.OK);
    }
}

public sealed class SqliteTrailRefusalApiTests(SqliteGateway database) : TrailRefusalApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresTrailRefusalApiTests(PostgresGateway database) : TrailRefusalApiTests(database), IClassFixture<PostgresGateway>;
