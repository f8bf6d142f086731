using System.Net;
using System.Text;

namespace CoProduce.Gateway.Tests.People;

public abstract class PeopleApiTests(GatewayDatabase database)
{
    private static object Profile(string name = "Alex Morgan") => new
    {
        name,
        preferredName = "Alex",
        contactChannels = new[] { "Text", "ThroughSupporter" },
        communicationPreferences = new[] { "EasyRead", "Breaks" },
        accessNeeds = "Step-free access and a quiet room.",
        livedExperience = true,
    };

    [Fact]
    public async Task TheFirstSaveNeedsNoIfMatchAndLaterSavesDo()
    {
        var app = database.Shared;
        var client = app.CreateClient(Guid.NewGuid());
        var first = await client.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;

        await client.PutJson("/api/me/profile", Profile("Alex M")).Expect(HttpStatusCode.BadRequest);
        await client.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", Profile("Alex M"), "\"99\"")).Expect(HttpStatusCode.PreconditionFailed);
        await client.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", Profile("Alex M"), "nonsense")).Expect(HttpStatusCode.BadRequest);
        var saved = await client.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", Profile("Alex M"), etag)).Expect(HttpStatusCode.OK);
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);

        var me = await client.GetAsync("/api/me").Expect(HttpStatusCode.OK);
        Assert.Equal(saved.Headers.ETag, me.Headers.ETag);
        var profile = (await me.Json()).GetProperty("profile");
        Assert.Equal("Alex M", profile.GetProperty("name").GetString());
        Assert.Equal("EasyRead", profile.GetProperty("communicationPreferences")[0].GetString());
    }

    [Fact]
    public async Task ConsentToAnOrganisationGatesWhatItsStaffSee()
    {
        var app = database.Shared;
        var adminId = Guid.NewGuid();
        var admin = app.CreateClient(adminId);
        var organisation = await Scenario.Organisation(admin);
        var financeId = Guid.NewGuid();
        await Scenario.AddStaff(admin, organisation, financeId, "Finance");
        var otherAdmin = app.CreateClient(Guid.NewGuid());
        var otherOrganisation = await Scenario.Organisation(otherAdmin, "Another Trust");
        var personId = Guid.NewGuid();
        var person = app.CreateClient(personId);
        await person.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.OK);
        var url = $"/api/organisations/{organisation}/people/{personId}";

        await admin.GetAsync(url).Expect(HttpStatusCode.NotFound);
        await person.PostJson("/api/me/consents", new { kind = "Organisation", id = organisation }).Expect(HttpStatusCode.OK);

        var shared = await (await admin.GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(personId, shared.GetProperty("personId").GetGuid());
        Assert.Equal("Alex Morgan", shared.GetProperty("profile").GetProperty("name").GetString());
        await app.CreateClient(financeId).GetAsync(url).Expect(HttpStatusCode.OK);

        // Not staff here, or staff of another organisation: nothing to see.
        await app.CreateClient(Guid.NewGuid()).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await otherAdmin.GetAsync(url).Expect(HttpStatusCode.NotFound);
        await otherAdmin.GetAsync($"/api/organisations/{otherOrganisation}/people/{personId}").Expect(HttpStatusCode.NotFound);

        var withdrawn = await (await person.DeleteAsync($"/api/me/consents/Organisation/{organisation}").Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(withdrawn.GetProperty("consents").EnumerateArray());
        await admin.GetAsync(url).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConsentToANetworkGatesWhatItsCoordinatorsSee()
    {
        var app = database.Shared;
        var coordinator = app.CreateClient(Guid.NewGuid());
        var network = await Scenario.Network(coordinator);
        var organisation = await Scenario.Organisation(coordinator);
        await coordinator.PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.OK);
        var staffId = Guid.NewGuid();
        await Scenario.AddStaff(coordinator, organisation, staffId);
        var personId = Guid.NewGuid();
        var person = app.CreateClient(personId);
        await person.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.OK);
        var url = $"/api/networks/{network}/people/{personId}";

        await coordinator.GetAsync(url).Expect(HttpStatusCode.NotFound);
        await person.PostJson("/api/me/consents", new { kind = "Network", id = network }).Expect(HttpStatusCode.OK);
        var shared = await (await coordinator.GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Step-free access and a quiet room.", shared.GetProperty("profile").GetProperty("accessNeeds").GetString());

        // Consent to the network is not consent to each organisation, and staff are not coordinators.
        await app.CreateClient(staffId).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await coordinator.GetAsync($"/api/organisations/{organisation}/people/{personId}").Expect(HttpStatusCode.NotFound);
        await app.CreateClient(Guid.NewGuid()).GetAsync(url).Expect(HttpStatusCode.NotFound);

        await person.DeleteAsync($"/api/me/consents/Network/{network}").Expect(HttpStatusCode.OK);
        await coordinator.GetAsync(url).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALinkedSupporterActsWithTheContributorAndTheRecordNamesThem()
    {
        var app = database.Shared;
        var contributorId = Guid.NewGuid();
        var supporterId = Guid.NewGuid();
        var contributor = app.CreateClient(contributorId);
        var supporter = app.CreateClient(supporterId);
        var organisation = await Scenario.Organisation(app.CreateClient(Guid.NewGuid()));
        await contributor.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.OK);
        var linked = await (await contributor.PostJson("/api/me/supporters", new { supporterId, relationship = "peer advocate" }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(supporterId, linked.GetProperty("supporters")[0].GetProperty("supporterId").GetGuid());

        var seen = await supporter.SendAsync(Scenario.Request(HttpMethod.Get, "/api/me").ActingWith(contributorId)).Expect(HttpStatusCode.OK);
        Assert.Equal(contributorId, (await seen.Json()).GetProperty("id").GetGuid());
        await supporter.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", Profile("Alex Morgan-Reid"), seen.Headers.ETag!.Tag).ActingWith(contributorId))
            .Expect(HttpStatusCode.OK);
        var proposed = await (await supporter.SendAsync(Scenario.Request(HttpMethod.Post, "/api/me/consents", new { kind = "Organisation", id = organisation })
            .ActingWith(contributorId)).Expect(HttpStatusCode.Accepted)).Json();

        // A supporter's consent waits for the contributor, who confirms it; the consent then names the supporter.
        var me = await (await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Alex Morgan-Reid", me.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(supporterId, me.GetProperty("profileSupportedBy").GetGuid());
        Assert.Empty(me.GetProperty("consents").EnumerateArray());
        var pending = Assert.Single(proposed.GetProperty("pendingConsents").EnumerateArray());
        await contributor.PostAsync($"/api/me/consents/pending/{pending.GetProperty("id").GetGuid()}/confirm", null).Expect(HttpStatusCode.OK);
        me = await (await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(organisation, me.GetProperty("consents")[0].GetProperty("scope").GetProperty("id").GetGuid());
        Assert.Equal(supporterId, me.GetProperty("consents")[0].GetProperty("supportedBy").GetGuid());

        // The supporter's own profile is untouched: they acted with the contributor, not as themselves.
        var own = await (await supporter.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(supporterId, own.GetProperty("id").GetGuid());
        Assert.Equal("", own.GetProperty("profile").GetProperty("name").GetString());

        var journal = await Scenario.Journal(app, "person", contributorId);
        var saves = journal.Where(e => e.Type == "ProfileSaved").Select(e => e.Body).ToList();
        Assert.Equal(2, saves.Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, saves[0].GetProperty("supportedBy").ValueKind);
        Assert.Equal(contributorId, saves[1].GetProperty("savedBy").GetGuid());
        Assert.Equal(supporterId, saves[1].GetProperty("supportedBy").GetGuid());
        var consent = Assert.Single(journal, e => e.Type == "ConsentGranted").Body;
        Assert.Equal(supporterId, consent.GetProperty("supportedBy").GetGuid());
    }

    [Fact]
    public async Task ASupportersConsentChangeWaitsForTheContributorWhoMayRejectIt()
    {
        var app = database.Shared;
        var contributorId = Guid.NewGuid();
        var supporterId = Guid.NewGuid();
        var contributor = app.CreateClient(contributorId);
        var adminId = Guid.NewGuid();
        var organisation = await Scenario.Organisation(app.CreateClient(adminId));
        await contributor.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.OK);
        await contributor.PostJson("/api/me/supporters", new { supporterId, relationship = "peer advocate" }).Expect(HttpStatusCode.OK);
        await contributor.PostJson("/api/me/consents", new { kind = "Organisation", id = organisation }).Expect(HttpStatusCode.OK);
        var shared = $"/api/organisations/{organisation}/people/{contributorId}";

        // A withdrawal the supporter proposes changes nothing until the contributor says so.
        var supporter = app.CreateClient(supporterId);
        var proposed = await (await supporter.SendAsync(Scenario.Request(HttpMethod.Delete, $"/api/me/consents/Organisation/{organisation}").ActingWith(contributorId))
            .Expect(HttpStatusCode.Accepted)).Json();
        var pending = Assert.Single(proposed.GetProperty("pendingConsents").EnumerateArray());
        Assert.False(pending.GetProperty("grant").GetBoolean());
        Assert.Equal(supporterId, pending.GetProperty("proposedBy").GetGuid());
        await app.CreateClient(adminId).GetAsync(shared).Expect(HttpStatusCode.OK);

        var change = pending.GetProperty("id").GetGuid();
        await supporter.SendAsync(Scenario.Request(HttpMethod.Post, $"/api/me/consents/pending/{change}/confirm").ActingWith(contributorId))
            .Expect(HttpStatusCode.Forbidden);
        var rejected = await (await contributor.PostAsync($"/api/me/consents/pending/{change}/reject", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(rejected.GetProperty("pendingConsents").EnumerateArray());
        Assert.Single(rejected.GetProperty("consents").EnumerateArray());
        await app.CreateClient(adminId).GetAsync(shared).Expect(HttpStatusCode.OK);
        await contributor.PostAsync($"/api/me/consents/pending/{change}/confirm", null).Expect(HttpStatusCode.NotFound);

        var journal = await Scenario.Journal(app, "person", contributorId);
        Assert.DoesNotContain(journal, e => e.Type == "ConsentWithdrawn");
        Assert.Equal(supporterId, Assert.Single(journal, e => e.Type == "ConsentChangeRejected").Body.GetProperty("proposedBy").GetGuid());
    }

    [Fact]
    public async Task ASupporterWhoIsNotLinkedIsRefusedAndChangesNothing()
    {
        var app = database.Shared;
        var contributorId = Guid.NewGuid();
        var supporterId = Guid.NewGuid();
        var contributor = app.CreateClient(contributorId);
        var supporter = app.CreateClient(supporterId);
        var saved = await contributor.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.OK);
        var etag = saved.Headers.ETag!.Tag;

        await supporter.SendAsync(Scenario.Request(HttpMethod.Get, "/api/me").ActingWith(contributorId)).Expect(HttpStatusCode.Forbidden);
        await supporter.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", Profile("Someone else"), etag).ActingWith(contributorId))
            .Expect(HttpStatusCode.Forbidden);
        await supporter.SendAsync(Scenario.Request(HttpMethod.Post, "/api/me/consents", new { kind = "Network", id = Guid.NewGuid() }).ActingWith(contributorId))
            .Expect(HttpStatusCode.Forbidden);

        // Linked, then unlinked: refused again.
        await contributor.PostJson("/api/me/supporters", new { supporterId, relationship = "citizen advocate" }).Expect(HttpStatusCode.OK);
        await supporter.SendAsync(Scenario.Request(HttpMethod.Get, "/api/me").ActingWith(contributorId)).Expect(HttpStatusCode.OK);
        await contributor.DeleteAsync($"/api/me/supporters/{supporterId}").Expect(HttpStatusCode.OK);
        await supporter.SendAsync(Scenario.Request(HttpMethod.Get, "/api/me").ActingWith(contributorId)).Expect(HttpStatusCode.Forbidden);

        var me = await (await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Alex Morgan", me.GetProperty("profile").GetProperty("name").GetString());
        Assert.Empty(me.GetProperty("consents").EnumerateArray());
        Assert.Empty(me.GetProperty("supporters").EnumerateArray());
        Assert.DoesNotContain(await Scenario.Journal(app, "person", contributorId), e => e.Type is "ConsentGranted");
    }

    [Fact]
    public async Task OnlyThePersonChoosesSupportersAndASupporterMayStepBack()
    {
        var app = database.Shared;
        var contributorId = Guid.NewGuid();
        var supporterId = Guid.NewGuid();
        var otherId = Guid.NewGuid();
        var contributor = app.CreateClient(contributorId);
        var supporter = app.CreateClient(supporterId);
        await contributor.PostJson("/api/me/supporters", new { supporterId, relationship = "peer advocate" }).Expect(HttpStatusCode.OK);
        await contributor.PostJson("/api/me/supporters", new { supporterId = otherId, relationship = "daughter" }).Expect(HttpStatusCode.OK);

        await supporter.SendAsync(Scenario.Request(HttpMethod.Post, "/api/me/supporters", new { supporterId = Guid.NewGuid(), relationship = "friend" })
            .ActingWith(contributorId)).Expect(HttpStatusCode.Forbidden);
        await supporter.SendAsync(Scenario.Request(HttpMethod.Delete, $"/api/me/supporters/{otherId}").ActingWith(contributorId))
            .Expect(HttpStatusCode.Forbidden);
        await supporter.SendAsync(Scenario.Request(HttpMethod.Delete, $"/api/me/supporters/{supporterId}").ActingWith(contributorId))
            .Expect(HttpStatusCode.OK);

        var me = await (await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(otherId, Assert.Single(me.GetProperty("supporters").EnumerateArray()).GetProperty("supporterId").GetGuid());
        var unlinked = Assert.Single(await Scenario.Journal(app, "person", contributorId), e => e.Type == "SupporterUnlinked").Body;
        Assert.Equal(supporterId, unlinked.GetProperty("by").GetGuid());
    }

    [Theory]
    [InlineData("POST", "/api/me/consents", "{\"kind\":\"Spaceship\",\"id\":\"6f1c1f8e-4d5e-4a7a-9a55-3a8a4e0b2c11\"}")]
    [InlineData("POST", "/api/me/consents", "{\"kind\":\"Network\",\"id\":\"00000000-0000-0000-0000-000000000000\"}")]
    [InlineData("POST", "/api/me/consents", "{\"kind\":\"Network\"}")]
    [InlineData("POST", "/api/me/supporters", "{\"supporterId\":\"6f1c1f8e-4d5e-4a7a-9a55-3a8a4e0b2c11\",\"relationship\":\" \"}")]
    [InlineData("POST", "/api/me/supporters", "{\"supporterId\":\"00000000-0000-0000-0000-000000000000\",\"relationship\":\"friend\"}")]
    [InlineData("PUT", "/api/me/profile", "{\"preferredName\":\"Alex\"}")]
    [InlineData("PUT", "/api/me/profile", "{\"name\":\"Alex\",\"contactChannels\":[\"Pigeon\"]}")]
    [InlineData("PUT", "/api/me/profile", "{\"name\":\"Alex\",\"contactChannels\":null}")]
    [InlineData("PUT", "/api/me/profile", "{\"name\":\"Alex\",\"shoeSize\":9}")]
    [InlineData("DELETE", "/api/me/consents/Spaceship/6f1c1f8e-4d5e-4a7a-9a55-3a8a4e0b2c11", null)]
    [InlineData("DELETE", "/api/me/consents/7/6f1c1f8e-4d5e-4a7a-9a55-3a8a4e0b2c11", null)]
    public async Task MalformedRequestsAreBadRequestsAndChangeNothing(string method, string url, string? json)
    {
        var app = database.Shared;
        var personId = Guid.NewGuid();
        var client = app.CreateClient(personId);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var me = await client.GetAsync("/api/me").Expect(HttpStatusCode.OK);
        Assert.Equal("\"0\"", me.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task AnActingWithHeaderThatIsNotAPersonIdIsABadRequest()
    {
        var app = database.Shared;
        var request = Scenario.Request(HttpMethod.Get, "/api/me");
        request.Headers.Add("CoProduce-Acting-With", "someone");
        await app.CreateClient(Guid.NewGuid()).SendAsync(request).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WithoutATokenEveryPersonEndpointIs401()
    {
        var app = database.Shared;
        var client = app.CreateClient();
        await client.GetAsync("/api/me").Expect(HttpStatusCode.Unauthorized);
        await client.PutJson("/api/me/profile", Profile()).Expect(HttpStatusCode.Unauthorized);
        await client.GetAsync($"/api/organisations/{Guid.NewGuid()}/people/{Guid.NewGuid()}").Expect(HttpStatusCode.Unauthorized);
        await client.GetAsync($"/api/networks/{Guid.NewGuid()}/people/{Guid.NewGuid()}").Expect(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqlitePeopleApiTests(SqliteGateway database) : PeopleApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresPeopleApiTests(PostgresGateway database) : PeopleApiTests(database), IClassFixture<PostgresGateway>;
