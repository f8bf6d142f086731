using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Decisions;

namespace CoProduce.Gateway.Tests.Delivery;

public abstract class DeliveryApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task FacilitatorsCreateAndEditOthersRead()
    {
        var app = database.Shared;
        var (world, decision) = await Start(app);
        var people = world.People;
        var url = Url(world);
        var body = Body(people.Contributor, decision);

        await world.As(people.Contributor).PostJson(url, body).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Observer).PostJson(url, body).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Stranger).PostJson(url, body).Expect(HttpStatusCode.NotFound);
        var created = await world.As(people.Facilitator).PostJson(url, body).Expect(HttpStatusCode.Created);
        var action = await created.Json();
        Assert.Equal("Planned", action.GetProperty("status").GetString());
        Assert.Equal(DecisionProject.Id(decision), action.GetProperty("decisionIds")[0].GetGuid());

        foreach (var reader in new[] { people.Contributor, people.Observer, people.FinanceStaff })
        {
            await world.As(reader).GetAsync($"{url}/{Id(action)}").Expect(HttpStatusCode.OK);
            var list = await (await world.As(reader).GetAsync($"{url}?limit=1").Expect(HttpStatusCode.OK)).Json();
            Assert.Equal(1, list.GetProperty("total").GetInt32());
        }

        await world.As(people.Stranger).GetAsync($"{url}/{Id(action)}").Expect(HttpStatusCode.NotFound);
        await world.As(people.OtherOrganisationAdmin).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.Facilitator).GetAsync($"/api/projects/{Guid.NewGuid()}/actions/{Id(action)}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnEditNeedsACurrentIfMatchAndTheFacilitatorsRole()
    {
        var app = database.Shared;
        var (world, decision) = await Start(app);
        var people = world.People;
        var created = await world.As(people.Facilitator).PostJson(Url(world), Body(people.Contributor, decision)).Expect(HttpStatusCode.Created);
        var etag = created.Headers.ETag!.Tag;
        var url = $"{Url(world)}/{Id(await created.Json())}";
        var edit = Body(people.SecondContributor, decision) with { Title = "Answer the phone until 2am" };

        await world.As(people.Facilitator).PutJson(url, edit).Expect(HttpStatusCode.BadRequest);
        await world.As(people.Contributor).SendAsync(Scenario.Request(HttpMethod.Put, url, edit, etag)).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Stranger).SendAsync(Scenario.Request(HttpMethod.Put, url, edit, etag)).Expect(HttpStatusCode.NotFound);
        var edited = await world.As(people.Facilitator).SendAsync(Scenario.Request(HttpMethod.Put, url, edit, etag)).Expect(HttpStatusCode.OK);
        Assert.Equal("Answer the phone until 2am", (await edited.Json()).GetProperty("title").GetString());
        Assert.NotEqual(etag, edited.Headers.ETag!.Tag);

        var before = await Snapshot(world, url);
        await world.As(people.Facilitator).SendAsync(Scenario.Request(HttpMethod.Put, url, edit with { Title = "Lost edit" }, etag))
            .Expect(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await Snapshot(world, url));
    }

    [Fact]
    public async Task ADecisionOfAnotherProjectOrAnOutsiderAsOwnerIsRefused()
    {
        var app = database.Shared;
        var (world, decision) = await Start(app);
        var (other, foreignDecision) = await Start(app);
        var people = world.People;
        var refused = await (await world.As(people.Facilitator).PostJson(Url(world), Body(people.Contributor, foreignDecision))
            .Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(refused.GetProperty("errors").TryGetProperty("decisionIds", out _));
        await world.As(people.Facilitator).PostJson(Url(world), Body(people.Stranger, decision)).Expect(HttpStatusCode.BadRequest);
        await world.As(people.Facilitator).PostJson(Url(world), new { title = "No decision", ownerId = people.Contributor, decisionIds = Array.Empty<Guid>() })
            .Expect(HttpStatusCode.BadRequest);
        await world.As(people.Facilitator).PostJson(Url(world), Body(people.Contributor, decision) with { Title = " " }).Expect(HttpStatusCode.BadRequest);
        var list = await (await world.As(people.Facilitator).GetAsync(Url(world)).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.NotEqual(world.People.ProjectId, other.People.ProjectId);
    }

    [Fact]
    public async Task TheOwnerMovesTheStatusAndDroppingNeedsAReason()
    {
        var app = database.Shared;
        var (world, decision) = await Start(app);
        var people = world.People;
        var action = await (await world.As(people.Facilitator).PostJson(Url(world), Body(people.Contributor, decision)).Expect(HttpStatusCode.Created)).Json();
        var url = $"{Url(world)}/{Id(action)}/status";

        await world.As(people.SecondContributor).PostJson(url, new { status = "InProgress" }).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Observer).PostJson(url, new { status = "InProgress" }).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Stranger).PostJson(url, new { status = "InProgress" }).Expect(HttpStatusCode.NotFound);
        await world.As(people.Contributor).PostJson(url, new { status = "InProgress" }).Expect(HttpStatusCode.OK);
        await world.As(people.Contributor).PostJson(url, new { status = "InProgress" }).Expect(HttpStatusCode.Conflict);
        var before = await Snapshot(world, $"{Url(world)}/{Id(action)}");
        var noReason = await (await world.As(people.Contributor).PostJson(url, new { status = "Dropped" }).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(before, await Snapshot(world, $"{Url(world)}/{Id(action)}"));

        var dropped = await (await world.As(people.Facilitator).PostJson(url, new { status = "Dropped", reason = "No budget this year" })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("No budget this year", dropped.GetProperty("droppedReason").GetString());
        Assert.Equal(2, dropped.GetProperty("history").GetArrayLength());
        var journal = await Scenario.Journal(app, "deliveryaction", Id(action));
        Assert.Equal(3, journal.Count);
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameKeyMakesOneAction()
    {
        var app = database.Shared;
        var (world, decision) = await Start(app);
        var body = Body(world.People.Contributor, decision);
        var first = await world.As(world.People.Facilitator).SendAsync(Keyed(Url(world), body, "k1")).Expect(HttpStatusCode.Created);
        var second = await world.As(world.People.Facilitator).SendAsync(Keyed(Url(world), body, "k1")).Expect(HttpStatusCode.Created);
        Assert.Equal(Id(await first.Json()), Id(await second.Json()));
        var list = await (await world.As(world.People.Facilitator).GetAsync(Url(world)).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    private static async Task<(DecisionProject World, JsonElement Decision)> Start(GatewayApplication app)
    {
        var world = await DecisionProject.Create(app);
        return (world, await world.Decide("Consent"));
    }

    private static string Url(DecisionProject world) => $"/api/projects/{world.People.ProjectId}/actions";

    private static ActionBody Body(Guid owner, JsonElement decision) =>
        new("Answer the phone until midnight", owner, [DecisionProject.Id(decision)], "Two more call handlers", DateTimeOffset.UtcNow.AddDays(60));

    private static Guid Id(JsonElement action) => action.GetProperty("id").GetGuid();

    private static HttpRequestMessage Keyed(string url, object body, string key)
    {
        var request = Scenario.Request(HttpMethod.Post, url, body);
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<string> Snapshot(DecisionProject world, string url)
    {
        var response = await world.As(world.People.Facilitator).GetAsync(url).Expect(HttpStatusCode.OK);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    private sealed record ActionBody(string Title, Guid OwnerId, Guid[] DecisionIds, string? Description, DateTimeOffset? DueDate);
}

public sealed class SqliteDeliveryApiTests(SqliteGateway database) : DeliveryApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresDeliveryApiTests(PostgresGateway database) : DeliveryApiTests(database), IClassFixture<PostgresGateway>;
