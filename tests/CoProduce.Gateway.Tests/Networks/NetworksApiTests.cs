using System.Net;
using System.Text;

namespace CoProduce.Gateway.Tests.Networks;

public abstract class NetworksApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task CreatorCoordinatesAndSeesTheNetwork()
    {
        var app = database.Shared;
        var coordinator = Guid.NewGuid();
        var client = app.CreateClient(coordinator);
        var created = await client.PostJson("/api/networks", new { name = "Northshire User Network" }).Expect(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/networks/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        var read = await client.GetAsync($"/api/networks/{id}").Expect(HttpStatusCode.OK);
        var body = await read.Json();
        Assert.Equal("Northshire User Network", body.GetProperty("name").GetString());
        Assert.Equal(coordinator, body.GetProperty("coordinators")[0].GetGuid());
        Assert.NotNull(read.Headers.ETag);

        var me = await (await client.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Contains(id, me.GetProperty("networks").EnumerateArray().Select(n => n.GetGuid()));
    }

    [Fact]
    public async Task StrangerIsToldTheNetworkDoesNotExistAndChangesNothing()
    {
        var app = database.Shared;
        var coordinator = app.CreateClient(Guid.NewGuid());
        var id = await Scenario.Network(coordinator);
        var strangerId = Guid.NewGuid();
        var stranger = app.CreateClient(strangerId);
        var strangersOrganisation = await Scenario.Organisation(stranger, "Stranger Charity");

        await stranger.GetAsync($"/api/networks/{id}").Expect(HttpStatusCode.NotFound);
        await stranger.GetAsync($"/api/networks/{Guid.NewGuid()}").Expect(HttpStatusCode.NotFound);
        await stranger.GetAsync($"/api/networks/{id}/pool").Expect(HttpStatusCode.NotFound);
        await stranger.PostJson($"/api/networks/{id}/organisations", new { organisationId = strangersOrganisation }).Expect(HttpStatusCode.NotFound);
        await stranger.PostJson($"/api/networks/{id}/coordinators", new { personId = strangerId }).Expect(HttpStatusCode.NotFound);
        await stranger.PostJson($"/api/networks/{id}/pool", new { personId = strangerId }).Expect(HttpStatusCode.NotFound);

        var read = await coordinator.GetAsync($"/api/networks/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var body = await read.Json();
        Assert.Single(body.GetProperty("coordinators").EnumerateArray());
        Assert.Empty(body.GetProperty("organisations").EnumerateArray());
        Assert.Empty(body.GetProperty("contributorPool").EnumerateArray());
    }

    [Fact]
    public async Task MemberOrganisationStaffSeeTheNetworkButOnlyCoordinatorsChangeIt()
    {
        var app = database.Shared;
        var coordinator = app.CreateClient(Guid.NewGuid());
        var network = await Scenario.Network(coordinator);
        var organisation = await Scenario.Organisation(coordinator);
        var staffId = Guid.NewGuid();
        await Scenario.AddStaff(coordinator, organisation, staffId);
        var staff = app.CreateClient(staffId);
        await staff.GetAsync($"/api/networks/{network}").Expect(HttpStatusCode.NotFound);

        await coordinator.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.OK);
        var seen = await (await staff.GetAsync($"/api/networks/{network}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(organisation, seen.GetProperty("organisations")[0].GetGuid());
        await staff.GetAsync($"/api/networks/{network}/pool").Expect(HttpStatusCode.OK);
        await staff.PostJson($"/api/networks/{network}/coordinators", new { personId = staffId }).Expect(HttpStatusCode.Forbidden);
        await staff.PostJson($"/api/networks/{network}/pool", new { personId = staffId }).Expect(HttpStatusCode.Forbidden);

        var org = await (await coordinator.GetAsync($"/api/organisations/{organisation}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(network, org.GetProperty("networks")[0].GetGuid());
        var after = await (await coordinator.GetAsync($"/api/networks/{network}").Expect(HttpStatusCode.OK)).Json();
        Assert.Single(after.GetProperty("coordinators").EnumerateArray());
    }

    [Fact]
    public async Task AddingAnOrganisationNeedsACoordinatorWhoAdministersIt()
    {
        var app = database.Shared;
        var coordinatorId = Guid.NewGuid();
        var coordinator = app.CreateClient(coordinatorId);
        var network = await Scenario.Network(coordinator);

        // An admin of the organisation who cannot see the network is told it does not exist.
        var adminId = Guid.NewGuid();
        var admin = app.CreateClient(adminId);
        var organisation = await Scenario.Organisation(admin, "Northshire Carers");
        await admin.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.NotFound);

        // A coordinator who is not its admin (staff without Admin, or no part at all) is refused.
        await coordinator.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.Forbidden);
        await Scenario.AddStaff(admin, organisation, coordinatorId, "Facilitator");
        await coordinator.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.Forbidden);
        await coordinator.PostJson($"/api/networks/{network}/organisations", new { organisationId = Guid.NewGuid() }).Expect(HttpStatusCode.Forbidden);
        var unchanged = await (await coordinator.GetAsync($"/api/networks/{network}").Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(unchanged.GetProperty("organisations").EnumerateArray());

        // Made a coordinator, the organisation's admin can bring it in; doing it twice changes nothing.
        await coordinator.PostJson($"/api/networks/{network}/coordinators", new { personId = adminId }).Expect(HttpStatusCode.OK);
        await admin.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.OK);
        var twice = await (await admin.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(new[] { organisation }, twice.GetProperty("organisations").EnumerateArray().Select(o => o.GetGuid()));
        var me = await (await admin.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Contains(network, me.GetProperty("networks").EnumerateArray().Select(n => n.GetGuid()));
    }

    [Fact]
    public async Task ThePoolTakesOnlyContributorsWhoConsentedToTheNetwork()
    {
        var app = database.Shared;
        var coordinator = app.CreateClient(Guid.NewGuid());
        var network = await Scenario.Network(coordinator);
        var contributorId = Guid.NewGuid();
        var contributor = app.CreateClient(contributorId);
        await contributor.PutJson("/api/me/profile", new { name = "Alex Morgan", livedExperience = true }).Expect(HttpStatusCode.OK);

        var refused = await coordinator.PostJson($"/api/networks/{network}/pool", new { personId = contributorId }).Expect(HttpStatusCode.Conflict);
        Assert.Contains("consented", (await refused.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var empty = await (await coordinator.GetAsync($"/api/networks/{network}/pool").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, empty.GetProperty("total").GetInt32());

        await contributor.PostJson("/api/me/consents", new { kind = "Network", id = network }).Expect(HttpStatusCode.OK);
        await coordinator.PostJson($"/api/networks/{network}/pool", new { personId = contributorId }).Expect(HttpStatusCode.OK);
        var pool = await (await coordinator.GetAsync($"/api/networks/{network}/pool?offset=0&limit=10").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, pool.GetProperty("total").GetInt32());
        Assert.Equal(10, pool.GetProperty("limit").GetInt32());
        var member = pool.GetProperty("items")[0];
        Assert.Equal(contributorId, member.GetProperty("personId").GetGuid());
        Assert.Equal("Alex Morgan", member.GetProperty("displayName").GetString());
        Assert.True(member.GetProperty("consented").GetBoolean());

        // Withdrawing consent hides the person's name from the pool at once.
        await contributor.DeleteAsync($"/api/me/consents/Network/{network}").Expect(HttpStatusCode.OK);
        var withdrawn = (await (await coordinator.GetAsync($"/api/networks/{network}/pool").Expect(HttpStatusCode.OK)).Json()).GetProperty("items")[0];
        Assert.False(withdrawn.GetProperty("consented").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, withdrawn.GetProperty("displayName").ValueKind);
    }

    [Fact]
    public async Task ANewCoordinatorCanCoordinate()
    {
        var app = database.Shared;
        var first = app.CreateClient(Guid.NewGuid());
        var network = await Scenario.Network(first);
        var secondId = Guid.NewGuid();
        var second = app.CreateClient(secondId);
        await second.PostJson($"/api/networks/{network}/coordinators", new { personId = secondId }).Expect(HttpStatusCode.NotFound);
        await first.PostJson($"/api/networks/{network}/coordinators", new { personId = secondId }).Expect(HttpStatusCode.OK);

        var thirdId = Guid.NewGuid();
        var body = await (await second.PostJson($"/api/networks/{network}/coordinators", new { personId = thirdId }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(3, body.GetProperty("coordinators").GetArrayLength());
        var me = await (await app.CreateClient(thirdId).GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Contains(network, me.GetProperty("networks").EnumerateArray().Select(n => n.GetGuid()));
    }

    [Fact]
    public async Task RetriedCreateWithTheSameIdempotencyKeyMakesOneNetwork()
    {
        var app = database.Shared;
        var client = app.CreateClient(Guid.NewGuid());
        var first = await Send("key-1", "Northshire User Network").Expect(HttpStatusCode.Created);
        var second = await Send("key-1", "Northshire User Network").Expect(HttpStatusCode.Created);
        Assert.Equal((await first.Json()).GetProperty("id").GetGuid(), (await second.Json()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await Send("key-1", "Another network").Expect(HttpStatusCode.BadRequest);

        Task<HttpResponseMessage> Send(string key, string name)
        {
            var request = Scenario.Request(HttpMethod.Post, "/api/networks", new { name });
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Theory]
    [InlineData("/api/networks", "{}")]
    [InlineData("/api/networks", "{\"name\":\"  \"}")]
    [InlineData("/api/networks", "{\"name\":\"x\",\"extra\":1}")]
    [InlineData("/api/networks", "{\"name\":")]
    [InlineData("/api/networks/{id}/organisations", "{\"organisationId\":\"00000000-0000-0000-0000-000000000000\"}")]
    [InlineData("/api/networks/{id}/organisations", "{\"organisationId\":\"not-a-guid\"}")]
    [InlineData("/api/networks/{id}/coordinators", "{}")]
    [InlineData("/api/networks/{id}/coordinators", "{\"personId\":\"00000000-0000-0000-0000-000000000000\"}")]
    [InlineData("/api/networks/{id}/pool", "{\"personId\":null}")]
    public async Task MalformedRequestsAreBadRequestsAndChangeNothing(string url, string json)
    {
        var app = database.Shared;
        var client = app.CreateClient(Guid.NewGuid());
        var network = await Scenario.Network(client);
        var response = await client.PostAsync(url.Replace("{id}", network.ToString(), StringComparison.Ordinal), new StringContent(json, Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var read = await client.GetAsync($"/api/networks/{network}").Expect(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("offset=-1")]
    [InlineData("limit=lots")]
    public async Task BadPagingIsABadRequest(string query)
    {
        var app = database.Shared;
        var client = app.CreateClient(Guid.NewGuid());
        var network = await Scenario.Network(client);
        await client.GetAsync($"/api/networks/{network}/pool?{query}").Expect(HttpStatusCode.BadRequest);
    }
}

public sealed class SqliteNetworksApiTests(SqliteGateway database) : NetworksApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresNetworksApiTests(PostgresGateway database) : NetworksApiTests(database), IClassFixture<PostgresGateway>;
