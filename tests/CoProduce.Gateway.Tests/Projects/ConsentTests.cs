using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Projects;

/// <summary>
/// Taking part is the person's own act, and what a project shows of them is their profile as it is now, within
/// what they consented to. Everything here goes through the HTTP API, as a hostile organisation would.
/// </summary>
public abstract class ConsentTests(GatewayDatabase database)
{
    private const string VictimName = "Vicky Target-5e1c";
    private const string VictimWords = "Deaf parents group-9b2f";

    [Fact]
    public async Task NobodyIsAddedOrReadIntoAProjectWithoutTheirOwnAct()
    {
        var app = database.Shared;
        var (attacker, victim, supporter) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Victim(app, victim, supporter);

        // Anyone may start an organisation and a project, and has seen the victim's id somewhere.
        var organisation = await Scenario.Organisation(app.CreateClient(attacker), "Anyone Ltd");
        var created = await app.CreateClient(attacker).PostJson("/api/projects", new { organisationId = organisation, name = "Harvest" }).Expect(HttpStatusCode.Created);
        var project = (await created.Json()).GetProperty("id").GetGuid();
        var before = await Read(app, attacker, project);

        // Putting the victim in only asks them: the project is unchanged and shows nothing of theirs.
        var asked = await (await app.CreateClient(attacker).PutJson($"/api/projects/{project}/participants/{victim}", new { role = "Contributor" })
            .Expect(HttpStatusCode.Accepted)).Json();
        Assert.Equal("Anyone Ltd", asked.GetProperty("organisationName").GetString());
        Assert.Equal(before, await Read(app, attacker, project));
        var exposed = await Exposure(app, attacker, project);
        Assert.DoesNotContain(VictimName, exposed, StringComparison.Ordinal);
        Assert.DoesNotContain(VictimWords, exposed, StringComparison.Ordinal);
        Assert.DoesNotContain(victim.ToString(), exposed, StringComparison.OrdinalIgnoreCase);
        await app.CreateClient(victim).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.NotFound);

        // Only the person, or the supporter they linked acting with them, answers; the asker cannot answer for them.
        await app.CreateClient(attacker).PostJson($"/api/me/participation-requests/{project}/accept", new { }).Expect(HttpStatusCode.NotFound);
        var forged = app.CreateClient(attacker);
        forged.DefaultRequestHeaders.Add("CoProduce-Acting-With", victim.ToString());
        var refused = await forged.PostJson($"/api/me/participation-requests/{project}/accept", new { });
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"got {(int)refused.StatusCode}");
        Assert.Equal(before, await Read(app, attacker, project));

        // The victim sees who asks, for which organisation and what it would see, and declines: nothing was read.
        var requests = await (await app.CreateClient(victim).GetAsync("/api/me/participation-requests").Expect(HttpStatusCode.OK)).Json();
        var request = Assert.Single(requests.EnumerateArray());
        Assert.Equal(project, request.GetProperty("projectId").GetGuid());
        Assert.Equal(attacker, request.GetProperty("requestedBy").GetGuid());
        Assert.Contains(request.GetProperty("whatTheProjectSees").EnumerateArray(), s => s.GetString()!.Contains("lived experience", StringComparison.Ordinal));
        await app.CreateClient(victim).PostAsync($"/api/me/participation-requests/{project}/decline", null).Expect(HttpStatusCode.NoContent);
        Assert.Empty((await (await app.CreateClient(victim).GetAsync("/api/me/participation-requests").Expect(HttpStatusCode.OK)).Json()).EnumerateArray());
        await app.CreateClient(victim).PostJson($"/api/me/participation-requests/{project}/accept", new { }).Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await Read(app, attacker, project));
        exposed = await Exposure(app, attacker, project);
        Assert.DoesNotContain(VictimName, exposed, StringComparison.Ordinal);
        Assert.DoesNotContain(VictimWords, exposed, StringComparison.Ordinal);

        // Asked again, the supporter accepts with them: now, and only now, the victim takes part.
        await app.CreateClient(attacker).PutJson($"/api/projects/{project}/participants/{victim}", new { role = "Contributor" }).Expect(HttpStatusCode.Accepted);
        var withSupporter = app.CreateClient(supporter);
        withSupporter.DefaultRequestHeaders.Add("CoProduce-Acting-With", victim.ToString());
        var joined = await (await withSupporter.PostJson($"/api/me/participation-requests/{project}/accept", new { }).Expect(HttpStatusCode.OK)).Json();
        Assert.Contains(joined.GetProperty("participants").EnumerateArray(), p => p.GetProperty("personId").GetGuid() == victim);
        var accepted = (await Scenario.Journal(app, "project", project)).Single(e => e.Type.EndsWith("ParticipationAccepted", StringComparison.Ordinal)).Body;
        Assert.Contains(supporter.ToString(), accepted.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheProjectShowsTheProfileAsItIsNowAndLivedExperienceOnlyToFacilitatorsWithConsent()
    {
        var app = database.Shared;
        var (facilitator, observer) = (Guid.NewGuid(), Guid.NewGuid());
        var organisation = await Scenario.Organisation(app.CreateClient(facilitator));
        var project = (await (await app.CreateClient(facilitator).PostJson("/api/projects", new { organisationId = organisation, name = "Night care" })
            .Expect(HttpStatusCode.Created)).Json()).GetProperty("id").GetGuid();
        await Enrolment.Enrol(app.CreateClient, facilitator, project, observer, "Observer", new { });

        // Invited by name, the contributor then says in their profile what they go by and that they have lived experience.
        var code = (await (await app.CreateClient(facilitator).PostJson($"/api/projects/{project}/invitations", new { role = "Contributor", inviteeName = "Jo Bloggs" })
            .Expect(HttpStatusCode.Created)).Json()).GetProperty("code").GetString();
        var contributor = (await (await app.CreateClient().PostJson("/api/invitations/redeem", new { code }).Expect(HttpStatusCode.OK)).Json())
            .GetProperty("personId").GetGuid();
        var mine = await app.CreateClient(contributor).GetAsync("/api/me").Expect(HttpStatusCode.OK);
        await AgendaSend(app.CreateClient(contributor), HttpMethod.Put, "/api/me/profile", new { name = "Joanne Bloggs", preferredName = "Jo B", livedExperience = true }, mine.Headers.ETag!.Tag)
            .Expect(HttpStatusCode.OK);
        await app.CreateClient(facilitator).PutJson("/api/me/profile", new { name = "Priya Shah" }).Expect(HttpStatusCode.OK);

        // Names are the profile's as it is now, for everyone; lived experience is not shown without consent.
        foreach (var reader in new[] { facilitator, observer, contributor })
        {
            var shown = await Participants(app, reader, project);
            Assert.Equal("Jo B", shown[contributor].GetProperty("displayName").GetString());
            Assert.Equal("Priya Shah", shown[facilitator].GetProperty("displayName").GetString());
            Assert.Equal(JsonValueKind.Null, shown[contributor].GetProperty("livedExperience").ValueKind);
        }

        // With consent, facilitators (who check a quorum) see it, as the profile says it now; nobody else does.
        await app.CreateClient(contributor).PutJson($"/api/me/projects/{project}/consent", new { showLivedExperience = true, countInAggregates = false })
            .Expect(HttpStatusCode.OK);
        Assert.True((await Participants(app, facilitator, project))[contributor].GetProperty("livedExperience").GetBoolean());
        foreach (var reader in new[] { observer, contributor })
        {
            Assert.Equal(JsonValueKind.Null, (await Participants(app, reader, project))[contributor].GetProperty("livedExperience").ValueKind);
        }

        // Consent is the participant's own: each reads and changes only theirs, and withdrawing it hides the answer again.
        var stranger = app.CreateClient(Guid.NewGuid());
        await stranger.GetAsync($"/api/me/projects/{project}/consent").Expect(HttpStatusCode.NotFound);
        await stranger.PutJson($"/api/me/projects/{project}/consent", new { showLivedExperience = true, countInAggregates = true }).Expect(HttpStatusCode.NotFound);
        var facilitators = await (await app.CreateClient(facilitator).GetAsync($"/api/me/projects/{project}/consent").Expect(HttpStatusCode.OK)).Json();
        Assert.False(facilitators.GetProperty("showLivedExperience").GetBoolean());
        var consent = await (await app.CreateClient(contributor).GetAsync($"/api/me/projects/{project}/consent").Expect(HttpStatusCode.OK)).Json();
        Assert.True(consent.GetProperty("showLivedExperience").GetBoolean());
        await app.CreateClient(contributor).PutJson($"/api/me/projects/{project}/consent", new { showLivedExperience = false, countInAggregates = false })
            .Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await Participants(app, facilitator, project))[contributor].GetProperty("livedExperience").ValueKind);

        // Nothing of the profile is copied into the project's journal.
        var journal = string.Join("\n", (await Scenario.Journal(app, "project", project)).Select(e => e.Body.GetRawText()));
        Assert.DoesNotContain("Jo B", journal, StringComparison.Ordinal);
        Assert.DoesNotContain("\"LivedExperience\"", journal, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The victim: a profile with lived experience, words about whom they speak for, and diversity data they gave for their own reasons.</summary>
    internal static async Task Victim(GatewayApplication app, Guid victim, Guid supporter)
    {
        var client = app.CreateClient(victim);
        await client.PutJson("/api/me/profile", new { name = VictimName, livedExperience = true }).Expect(HttpStatusCode.OK);
        await client.PostJson("/api/me/supporters", new { supporterId = supporter, relationship = "peer advocate" }).Expect(HttpStatusCode.OK);
        await client.PutJson("/api/me/speaks-for", new { inTheirWords = VictimWords, groups = Array.Empty<object>() }).Expect(HttpStatusCode.OK);
        await client.PutJson("/api/me/diversity", new { consent = true, answers = new[] { new { characteristic = "Disability", value = "Yes" } } })
            .Expect(HttpStatusCode.OK);
    }

    /// <summary>Everything the project's facilitator can read about it: the project, its representation and every form of its report.</summary>
    internal static async Task<string> Exposure(GatewayApplication app, Guid reader, Guid project)
    {
        var client = app.CreateClient(reader);
        var parts = new List<string>();
        foreach (var url in new[]
        {
            $"/api/projects/{project}", $"/api/projects/{project}/representation", $"/api/projects/{project}/power-balance",
            $"/api/projects/{project}/power-balance.csv", $"/api/projects/{project}/power-balance.svg",
        })
        {
            parts.Add(await (await client.GetAsync(url).Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync());
        }

        return string.Join("\n", parts);
    }

    private static async Task<(string Body, string? ETag)> Read(GatewayApplication app, Guid reader, Guid project)
    {
        var response = await app.CreateClient(reader).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK);
        return (await response.Content.ReadAsStringAsync(), response.Headers.ETag?.Tag);
    }

    private static async Task<Dictionary<Guid, JsonElement>> Participants(GatewayApplication app, Guid reader, Guid project) =>
        (await (await app.CreateClient(reader).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK)).Json())
            .GetProperty("participants").EnumerateArray().ToDictionary(p => p.GetProperty("personId").GetGuid());

    private static Task<HttpResponseMessage> AgendaSend(HttpClient client, HttpMethod method, string url, object body, string ifMatch) =>
        Agenda.AgendaProject.Send(client, method, url, body, ifMatch);
}

public sealed class SqliteConsentTests(SqliteGateway database) : ConsentTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresConsentTests(PostgresGateway database) : ConsentTests(database), IClassFixture<PostgresGateway>;
