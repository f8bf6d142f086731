using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// Duties are separated: acting with someone carries their participation and never their roles; nobody decides a
/// claim they entered or that pays someone they support; a claim entered for a contributor waits for them; staff
/// without an approving role see claims without their personal parts.
/// </summary>
public abstract class DutiesApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task ActingWithAContributorWhoIsFinanceStaffAndAnAdminCarriesNoneOfThoseRoles()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;

        // The contributor also works in the organisation's finance team, and runs a small organisation of their own.
        await Scenario.AddStaff(people.As(people.Admin), people.OrganisationId, people.Contributor, "Finance");
        var theirs = await Scenario.Organisation(people.As(people.Contributor), "Peer Voices CIC");
        var supporter = Guid.NewGuid();
        await people.LinkSupporter(people.Contributor, supporter);
        var acting = people.ActingWith(supporter, people.Contributor);

        var other = Guid.NewGuid();
        await people.SetParticipant(world.ProjectId, other, "Contributor");
        await world.Choose(other, "Accept");
        var claim = PaymentsWorld.Id(await world.Claim(other, PaymentsWorld.Meeting(1)));
        var policyBefore = await (await people.As(people.Finance).GetAsync($"{world.PayerUrl}/policy").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var organisationBefore = await (await people.As(people.Contributor).GetAsync($"/api/organisations/{theirs}").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();

        await Refused(acting.PostJson($"/api/claims/{claim}/approve", new { }));
        await Refused(acting.PostJson($"/api/claims/{claim}/reject", new { reason = "Not needed." }));
        await Refused(acting.GetAsync($"/api/claims/{claim}"));
        await Refused(acting.GetAsync($"{world.PayerUrl}/claims"));
        await Refused(acting.PutJson($"{world.PayerUrl}/policy", PaymentsWorld.Policy(promisedDays: 1)));
        await Refused(acting.PostJson($"{world.PayerUrl}/runs", new { }));
        await Refused(acting.GetAsync($"{world.PayerUrl}/ledger"));
        await Refused(acting.GetAsync($"/api/organisations/{theirs}"));
        await Refused(acting.PutJson($"/api/organisations/{theirs}/members/{supporter}", new { displayName = "Me", roles = new[] { "Admin" } }));
        await Refused(acting.PostJson("/api/projects", new { organisationId = theirs, name = "Started by a supporter" }));
        await Refused(acting.PostJson("/api/organisations", new { name = "Another", kind = "Charity", displayName = "Me" }));
        await Refused(acting.PostJson("/api/networks", new { name = "A network" }));

        // Nothing changed: the claim waits, the policy and the organisation are as they were, and no run started.
        Assert.Equal("Submitted", (await world.Get(claim, people.Finance)).GetProperty("status").GetString());
        Assert.Equal(policyBefore, await (await people.As(people.Finance).GetAsync($"{world.PayerUrl}/policy").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync());
        Assert.Equal(organisationBefore, await (await people.As(people.Contributor).GetAsync($"/api/organisations/{theirs}").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync());
        var runs = await (await people.As(people.Finance).GetAsync($"{world.PayerUrl}/runs").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, runs.GetProperty("total").GetInt32());

        // Their own participation still goes through the supporter: a claim of their own, recorded with both names.
        var own = await (await acting.PostJson($"/api/projects/{world.ProjectId}/claims", PaymentsWorld.Meeting(1)).Expect(HttpStatusCode.Created)).Json();
        Assert.Equal(people.Contributor, own.GetProperty("personId").GetGuid());
        Assert.Equal(supporter, own.GetProperty("supportedBy").GetGuid());

        // The roles are real: signed in as themselves, the contributor approves someone else's claim.
        Assert.Equal("Approved", (await world.Approve(claim, people.Contributor)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task NobodyDecidesAClaimThatPaysSomeoneTheySupportOrThatTheyEntered()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var secondFinance = Guid.NewGuid();
        await Scenario.AddStaff(people.As(people.Admin), people.OrganisationId, secondFinance, "Finance");
        await world.Choose(people.Contributor, "Accept");

        // The finance officer is also the contributor's linked supporter.
        await people.LinkSupporter(people.Contributor, people.Finance);
        var claim = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(2)));
        await people.As(people.Finance).PostJson($"/api/claims/{claim}/approve", new { }).Expect(HttpStatusCode.Forbidden);
        await people.As(people.Finance).PostJson($"/api/claims/{claim}/reject", new { reason = "No." }).Expect(HttpStatusCode.Forbidden);
        await Refused(people.ActingWith(people.Finance, people.Contributor).PostJson($"/api/claims/{claim}/approve", new { }));
        Assert.Equal("Submitted", (await world.Get(claim)).GetProperty("status").GetString());
        Assert.Equal(0, await world.LedgerCount($"claim_id = '{claim:D}'"));
        Assert.Equal(secondFinance, (await world.Approve(claim, secondFinance)).GetProperty("decidedBy").GetGuid());

        // A member of staff who both facilitates and approves enters a claim for the contributor: never theirs to approve.
        var both = Guid.NewGuid();
        await people.As(people.Admin).PutJson($"/api/organisations/{people.OrganisationId}/members/{both}", new { displayName = "Jo", roles = new[] { "Facilitator", "Finance" } })
            .Expect(HttpStatusCode.OK);
        var entered = new Dictionary<string, object?>(PaymentsWorld.Meeting(1)) { ["personId"] = people.Contributor };
        var draft = await world.Claim(both, entered);
        var id = PaymentsWorld.Id(draft);
        Assert.Equal(both, draft.GetProperty("enteredBy").GetGuid());
        await app.CreateClient(people.Contributor).PostJson($"/api/claims/{id}/confirm", new { }).Expect(HttpStatusCode.OK);
        await people.As(both).PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal("Submitted", (await world.Get(id)).GetProperty("status").GetString());
        Assert.Equal("Approved", (await world.Approve(id, secondFinance)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AClaimEnteredForAContributorStaysADraftUntilTheirSupporterConfirmsIt()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "Accept");
        var supporter = Guid.NewGuid();
        await people.LinkSupporter(people.Contributor, supporter);

        var entered = new Dictionary<string, object?>(PaymentsWorld.Meeting(2)) { ["personId"] = people.Contributor };
        var draft = await world.Claim(people.Lead, entered);
        var id = PaymentsWorld.Id(draft);
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal(people.Lead, draft.GetProperty("enteredBy").GetGuid());

        await people.As(people.Finance).PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.Conflict);
        await people.As(people.Finance).PostJson($"/api/claims/{id}/reject", new { reason = "No." }).Expect(HttpStatusCode.Conflict);
        await people.As(people.Lead).PostJson($"/api/claims/{id}/confirm", new { }).Expect(HttpStatusCode.Forbidden);
        Assert.Equal("Draft", (await world.Get(id)).GetProperty("status").GetString());
        Assert.Equal(0, await world.LedgerCount($"claim_id = '{id:D}'"));

        var confirmed = await (await people.ActingWith(supporter, people.Contributor).PostJson($"/api/claims/{id}/confirm", new { })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Submitted", confirmed.GetProperty("status").GetString());
        Assert.Equal(supporter, confirmed.GetProperty("supportedBy").GetGuid());
        Assert.Equal(people.Lead, confirmed.GetProperty("enteredBy").GetGuid());
        Assert.Equal("Approved", (await world.Approve(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task StaffWithoutAnApprovingRoleSeeClaimsWithoutTheBenefitsWarningCharityOrReceipts()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await app.CreateClient(people.Contributor).PutJson("/api/me/payments/limit", new { weeklyLimit = 20.00m, currency = "GBP", permissionNote = "Permitted Work" })
            .Expect(HttpStatusCode.OK);
        await world.Choose(people.Contributor, "Donate", charity: "Mind in Northshire");
        var donated = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, travel: 6.40m)));
        await world.Choose(people.Contributor, "Accept");
        var held = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(2)));
        Assert.Equal("HeldAtLimit", (await world.Approve(held)).GetProperty("status").GetString());

        foreach (var entitled in new[] { people.Contributor, people.Finance })
        {
            var full = await world.Get(donated, entitled);
            Assert.Equal("Mind in Northshire", full.GetProperty("charity").GetString());
            Assert.Equal("T-1182", full.GetProperty("expenses")[0].GetProperty("receipt").GetProperty("reference").GetString());
            Assert.Equal(JsonValueKind.Object, (await world.Get(held, entitled)).GetProperty("limitWarning").ValueKind);
        }

        // The project's facilitators and the organisation's other staff see what was claimed, not why or for whom.
        foreach (var staff in new[] { people.Lead, people.OrgFacilitator })
        {
            var seen = await world.Get(donated, staff);
            Assert.Equal(6.40m, seen.GetProperty("expensesTotal").GetDecimal());
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("charity").ValueKind);
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("expenses")[0].GetProperty("receipt").ValueKind);
            var atLimit = await world.Get(held, staff);
            Assert.Equal("HeldAtLimit", atLimit.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, atLimit.GetProperty("limitWarning").ValueKind);
        }

        var listed = await (await people.As(people.Lead).GetAsync($"/api/projects/{world.ProjectId}/claims").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.Contains(donated.ToString("D"), listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Mind in Northshire", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("T-1182", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("Permitted Work", listed, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(listed);
        Assert.All(page.RootElement.GetProperty("items").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("limitWarning").ValueKind));
    }

    [Fact]
    public async Task ASupportersChangeToTheLimitOrChoiceWaitsForTheContributorAndNamesTheSupporter()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var contributor = app.CreateClient(people.Contributor);
        var supporter = Guid.NewGuid();
        await people.LinkSupporter(people.Contributor, supporter);
        var acting = people.ActingWith(supporter, people.Contributor);
        await contributor.PutJson("/api/me/payments/limit", new { weeklyLimit = 20.00m, currency = "GBP", permissionNote = "Permitted Work" }).Expect(HttpStatusCode.OK);
        await world.Choose(people.Contributor, "Accept");

        // Removing the limit waits: it still protects the contributor's benefits until they say otherwise.
        var proposed = await (await acting.PutJson("/api/me/payments/limit", new { weeklyLimit = (decimal?)null, currency = "GBP" }).Expect(HttpStatusCode.Accepted)).Json();
        Assert.Equal(20.00m, proposed.GetProperty("limit").GetProperty("amount").GetDecimal());
        var mine = await (await contributor.GetAsync("/api/me/payments").Expect(HttpStatusCode.OK)).Json();
        var pending = Assert.Single(mine.GetProperty("pending").EnumerateArray());
        Assert.Equal("Limit", pending.GetProperty("kind").GetString());
        Assert.Equal(supporter, pending.GetProperty("proposedBy").GetGuid());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("limit").ValueKind);
        var change = pending.GetProperty("id").GetGuid();

        var claim = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(2)));
        Assert.Equal("HeldAtLimit", (await world.Approve(claim)).GetProperty("status").GetString());

        // Only the contributor confirms; they may reject it instead, and then nothing changes.
        await acting.PostAsync($"/api/me/payments/pending/{change}/confirm", null).Expect(HttpStatusCode.Forbidden);
        await contributor.PostAsync($"/api/me/payments/pending/{Guid.NewGuid()}/confirm", null).Expect(HttpStatusCode.NotFound);
        var rejected = await (await contributor.PostAsync($"/api/me/payments/pending/{change}/reject", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(rejected.GetProperty("pending").EnumerateArray());
        Assert.Equal(20.00m, rejected.GetProperty("limit").GetProperty("amount").GetDecimal());
        await contributor.PostAsync($"/api/me/payments/pending/{change}/confirm", null).Expect(HttpStatusCode.NotFound);

        // A change the contributor confirms applies, and the record names the supporter.
        var raise = await (await acting.PutJson("/api/me/payments/limit", new { weeklyLimit = 40.00m, currency = "GBP" }).Expect(HttpStatusCode.Accepted)).Json();
        var raiseId = Assert.Single(raise.GetProperty("pending").EnumerateArray()).GetProperty("id").GetGuid();
        var raised = await (await contributor.PostAsync($"/api/me/payments/pending/{raiseId}/confirm", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(40.00m, raised.GetProperty("limit").GetProperty("amount").GetDecimal());
        Assert.Equal(supporter, raised.GetProperty("limit").GetProperty("supportedBy").GetGuid());

        var donate = await (await acting.PutJson("/api/me/payments/choices", new { payerKind = "Organisation", payerId = people.OrganisationId, choice = "Donate", charity = "Mind in Northshire" })
            .Expect(HttpStatusCode.Accepted)).Json();
        Assert.Equal("Accept", Assert.Single(donate.GetProperty("choices").EnumerateArray()).GetProperty("choice").GetString());
        Assert.Equal("Person", (await world.Claim(people.Contributor, PaymentsWorld.Meeting(1))).GetProperty("feePayee").GetString());
        var donateId = Assert.Single(donate.GetProperty("pending").EnumerateArray()).GetProperty("id").GetGuid();
        var chosen = await (await contributor.PostAsync($"/api/me/payments/pending/{donateId}/confirm", null).Expect(HttpStatusCode.OK)).Json();
        var choice = Assert.Single(chosen.GetProperty("choices").EnumerateArray());
        Assert.Equal("Donate", choice.GetProperty("choice").GetString());
        Assert.Equal(supporter, choice.GetProperty("supportedBy").GetGuid());

        var journal = await Scenario.Journal(app, "payee", people.Contributor);
        Assert.Equal(supporter, journal.Last(e => e.Type == "WeeklyLimitSet").Body.GetProperty("supportedBy").GetGuid());
        Assert.Equal(supporter, journal.Last(e => e.Type == "PaymentChoiceMade").Body.GetProperty("supportedBy").GetGuid());
        Assert.Equal(3, journal.Count(e => e.Type == "PaymentChangeProposed"));
    }

    [Fact]
    public async Task WhoAPersonSpeaksForSetWithTheirSupporterNamesBoth()
    {
        var app = database.Shared;
        var people = await Agenda.AgendaProject.Create(app);
        var said = await (await people.AsSupporterOf(people.Contributor)
            .PutJson("/api/me/speaks-for", new { inTheirWords = "Carers in the villages", groups = Array.Empty<object>() })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(people.Contributor, said.GetProperty("personId").GetGuid());
        Assert.Equal(people.Supporter, said.GetProperty("supportedBy").GetGuid());

        // Said again by the person alone, it names nobody else.
        var own = await (await people.As(people.Contributor)
            .PutJson("/api/me/speaks-for", new { inTheirWords = "Carers in the villages", groups = Array.Empty<object>() })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(JsonValueKind.Null, own.GetProperty("supportedBy").ValueKind);
    }

    /// <summary>Refused as problem details with 403 or 404 (which one depends on whether the caller may know the thing exists).</summary>
    private static async Task Refused(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(
            response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
            $"Expected 403 or 404, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteDutiesApiTests(SqliteGateway database) : DutiesApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresDutiesApiTests(PostgresGateway database) : DutiesApiTests(database), IClassFixture<PostgresGateway>;
