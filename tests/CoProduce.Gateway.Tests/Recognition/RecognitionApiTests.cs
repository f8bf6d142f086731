using System.Net;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Tests.Recognition;

public abstract class RecognitionApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task TheRecordListsSessionsHoursItemsDecisionsAndSurveysButNoAnonymousPart()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;
        await people.Propose(people.Contributor, "Night-time calls go unanswered");
        await people.Propose(people.SecondContributor, "Transport to sessions");
        var named = await world.Decisions.Decide("Consent");
        await world.Decisions.Vote(named, people.Contributor, new { position = "Disagree", reason = "Too late in the evening" }).Expect(HttpStatusCode.OK);
        var secret = await world.Decisions.Decide("Consent", extra: new { anonymous = true });
        await world.Decisions.Vote(secret, people.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        await world.AnsweredSurvey(false, people.Contributor);
        await world.AnsweredSurvey(true, people.Contributor);
        await world.RecordSession(people.Facilitator, "Workshop 1", 2.5m, people.Contributor, people.SecondContributor).Expect(HttpStatusCode.Created);
        await world.RecordSession(people.Facilitator, "Workshop 2", 1.25m, people.Contributor).Expect(HttpStatusCode.Created);

        var record = await world.Contributions(people.Contributor);
        var totals = record.GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("projects").GetInt32());
        Assert.Equal(2, totals.GetProperty("sessions").GetInt32());
        Assert.Equal(3.75m, totals.GetProperty("hours").GetDecimal());
        Assert.Equal(1, totals.GetProperty("itemsProposed").GetInt32());
        Assert.Equal(1, totals.GetProperty("decisionsVotedIn").GetInt32());
        Assert.Equal(1, totals.GetProperty("surveysAnswered").GetInt32());
        var project = record.GetProperty("projects")[0];
        Assert.Equal("Night-time calls go unanswered", project.GetProperty("itemsProposed")[0].GetProperty("title").GetString());
        var decision = Assert.Single(project.GetProperty("decisions").EnumerateArray());
        Assert.Equal(DecisionProject.Id(named), decision.GetProperty("decisionId").GetGuid());
        Assert.True(decision.GetProperty("gaveReason").GetBoolean());
        Assert.Equal("Named check-in", Assert.Single(project.GetProperty("surveys").EnumerateArray()).GetProperty("title").GetString());

        // The supporter acting with the person sees the same record; others see only their own.
        var viaSupporter = await (await people.AsSupporterOf(people.Contributor).GetAsync("/api/me/contributions").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, viaSupporter.GetProperty("totals").GetProperty("sessions").GetInt32());
        var second = (await world.Contributions(people.SecondContributor)).GetProperty("totals");
        Assert.Equal(1, second.GetProperty("sessions").GetInt32());
        Assert.Equal(2.5m, second.GetProperty("hours").GetDecimal());
        Assert.Equal(0, second.GetProperty("decisionsVotedIn").GetInt32());
        Assert.Equal(0, (await world.Contributions(people.Stranger)).GetProperty("totals").GetProperty("projects").GetInt32());
    }

    [Fact]
    public async Task StaffSeeTheRecordOnlyWhileThePersonSharesTheirProfile()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;
        await people.Propose(people.Contributor, "Night-time calls go unanswered");
        var project = await (await world.As(people.Facilitator).GetAsync($"/api/projects/{world.ProjectId}").Expect(HttpStatusCode.OK)).Json();
        var organisation = project.GetProperty("organisationId").GetGuid();
        var url = $"/api/organisations/{organisation}/people/{people.Contributor}/contributions";

        await world.As(people.FinanceStaff).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.Contributor).PostJson("/api/me/consents", new { kind = "Organisation", id = organisation }).Expect(HttpStatusCode.OK);
        var shared = await (await world.As(people.FinanceStaff).GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, shared.GetProperty("totals").GetProperty("itemsProposed").GetInt32());
        await world.As(people.Stranger).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.OtherOrganisationAdmin).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.SecondContributor).GetAsync(url).Expect(HttpStatusCode.NotFound);

        await world.As(people.Contributor).DeleteAsync($"/api/me/consents/Organisation/{organisation}").Expect(HttpStatusCode.OK);
        await world.As(people.FinanceStaff).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.FinanceStaff).GetAsync($"/api/networks/{Guid.NewGuid()}/people/{people.Contributor}/contributions").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANetworksCoordinatorsSeeOnlyItsProjectsAndOnlyWithConsent()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;
        var project = await (await world.As(people.Facilitator).GetAsync($"/api/projects/{world.ProjectId}").Expect(HttpStatusCode.OK)).Json();
        var organisation = project.GetProperty("organisationId").GetGuid();
        var network = await Scenario.Network(world.As(people.Facilitator));
        await world.As(people.Facilitator).PostJson($"/api/networks/{network}/organisations", new { organisationId = organisation }).Expect(HttpStatusCode.OK);

        // A second project, run in the network, where the contributor proposes an item too.
        var networked = Guid.NewGuid();
        var grain = Scenario.Grains(app).GetGrain<IProjectGrain>(networked);
        await grain.Create(new Actor(people.Facilitator), organisation, network, "Network project", null);
        await grain.Enrol(new Actor(people.Facilitator), people.Contributor, ProjectRole.Contributor);
        await world.As(people.Contributor).PostJson($"/api/projects/{networked}/agenda/items", new { title = "Shared transport" }).Expect(HttpStatusCode.Created);
        await people.Propose(people.Contributor, "Night-time calls go unanswered");
        Assert.Equal(2, (await world.Contributions(people.Contributor)).GetProperty("totals").GetProperty("projects").GetInt32());

        var url = $"/api/networks/{network}/people/{people.Contributor}/contributions";
        await world.As(people.Facilitator).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.Contributor).PostJson("/api/me/consents", new { kind = "Network", id = network }).Expect(HttpStatusCode.OK);
        var shared = await (await world.As(people.Facilitator).GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        var only = Assert.Single(shared.GetProperty("projects").EnumerateArray());
        Assert.Equal(networked, only.GetProperty("projectId").GetGuid());
        Assert.Equal("Shared transport", only.GetProperty("itemsProposed")[0].GetProperty("title").GetString());

        // Staff of a member organisation are not coordinators.
        await world.As(people.FinanceStaff).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await world.As(people.Stranger).GetAsync(url).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreditsAndCertificatesNeedConsentAndWithdrawalTakesEffectAtOnce()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;
        await world.RecordSession(people.Facilitator, "Workshop 1", 2m, people.Contributor).Expect(HttpStatusCode.Created);

        // Nothing is assumed.
        Assert.Empty(await world.CreditNames());
        await world.As(people.Contributor).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.Conflict);
        await world.As(people.Facilitator).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.NotFound);

        await world.Consent(people.Contributor, "Ada <b>L.</b>", credits: true, certificate: false).Expect(HttpStatusCode.OK);
        await world.Consent(people.SecondContributor, "Bo", credits: true, certificate: true).Expect(HttpStatusCode.OK);
        Assert.Equal(["Ada <b>L.</b>", "Bo"], await world.CreditNames(people.Observer));
        await world.As(people.Facilitator).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.NotFound);

        await world.Consent(people.Contributor, "Ada <b>L.</b>").Expect(HttpStatusCode.OK);
        var page = await world.As(people.Facilitator).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Ada &lt;b&gt;L.&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>L.</b>", html);
        Assert.Contains("<html lang=\"en-GB\">", html);
        Assert.Contains("@media print", html);
        Assert.Contains("<dt>Hours given</dt><dd>2</dd>", html);
        await world.As(people.Contributor).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.OK);
        await people.AsSupporterOf(people.Contributor).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.OK);

        // Only the person and facilitators; the rest are told nothing exists.
        foreach (var other in new[] { people.SecondContributor, people.Observer, people.FinanceStaff, people.Stranger, people.OtherOrganisationAdmin })
        {
            await world.As(other).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.NotFound);
        }

        await world.Withdraw(people.Contributor).Expect(HttpStatusCode.OK);
        Assert.Equal(["Bo"], await world.CreditNames());
        await world.As(people.Facilitator).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.NotFound);
        await world.As(people.Contributor).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.Conflict);
        await world.Withdraw(people.Contributor).Expect(HttpStatusCode.NotFound);
        var choices = await (await world.As(people.Contributor).GetAsync("/api/me/recognition").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, choices.GetProperty("consents").GetArrayLength());
        var journal = await Scenario.Journal(app, "recognition", people.Contributor);
        Assert.Equal(["RecognitionConsentGiven", "RecognitionConsentGiven", "RecognitionConsentWithdrawn"], journal.Select(e => e.Type.Split('.')[^1]));
    }

    [Fact]
    public async Task ConsentIsRefusedOutsideThePersonsProjectsOrWithNothingConsentedTo()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;

        await world.Consent(people.Stranger, "Stranger").Expect(HttpStatusCode.NotFound);
        await world.As(people.Contributor).PutJson($"/api/me/recognition/{Guid.NewGuid()}", new { name = "Ada", credits = true, certificate = true })
            .Expect(HttpStatusCode.NotFound);
        var neither = await (await world.Consent(people.Contributor, "Ada", credits: false, certificate: false).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(neither.GetProperty("errors").TryGetProperty("credits", out _));
        await world.Consent(people.Contributor, "   ").Expect(HttpStatusCode.BadRequest);
        Assert.Empty(await world.CreditNames());
        Assert.Empty(await Scenario.Journal(app, "recognition", people.Contributor));
    }

    [Fact]
    public async Task OnlyFacilitatorsRecordSessionsAndOnlyForPeopleInTheProject()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;

        await world.RecordSession(people.Contributor, "Workshop", 2m, people.Contributor).Expect(HttpStatusCode.Forbidden);
        await world.RecordSession(people.Observer, "Workshop", 2m, people.Contributor).Expect(HttpStatusCode.Forbidden);
        await world.RecordSession(people.Stranger, "Workshop", 2m, people.Contributor).Expect(HttpStatusCode.NotFound);
        await world.RecordSession(people.Facilitator, "Workshop", 2m, people.Contributor, people.Stranger).Expect(HttpStatusCode.BadRequest);
        await world.RecordSession(people.Facilitator, "Workshop", 0m, people.Contributor).Expect(HttpStatusCode.BadRequest);
        await world.RecordSession(people.Facilitator, "Workshop", 25m, people.Contributor).Expect(HttpStatusCode.BadRequest);
        await world.RecordSession(people.Facilitator, "Workshop", 2m).Expect(HttpStatusCode.BadRequest);
        await world.As(people.Facilitator).PostJson(world.Sessions, new { title = "Later", heldOn = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), hours = 1, attendees = new[] { people.Contributor } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Empty(await Scenario.Journal(app, "projectrecognition", world.ProjectId));

        await world.RecordSession(people.StaffFacilitator, "Workshop", 2m, people.Contributor).Expect(HttpStatusCode.Created);
        var list = await (await world.As(people.Facilitator).GetAsync(world.Sessions).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        await world.As(people.Contributor).GetAsync(world.Sessions).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Stranger).GetAsync(world.Sessions).Expect(HttpStatusCode.NotFound);
        await world.As(people.Stranger).GetAsync(world.Credits).Expect(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteRecognitionApiTests(SqliteGateway database) : RecognitionApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresRecognitionApiTests(PostgresGateway database) : RecognitionApiTests(database), IClassFixture<PostgresGateway>;
