using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// Declining a draft claim made from a live session: who may, with or without a reason, and that a declined draft is
/// final (never confirmed, approved, rejected, drafted again or counted), even when two answers arrive at once.
/// </summary>
public abstract class AttendanceClaimsDeclineApiTests(ITestDatabase database)
{
    [Fact]
    public async Task AContributorMayDeclineADraftAFacilitatorMustSayWhyAndADeclinedDraftIsNeverConfirmedOrCounted()
    {
        var clock = new ManualTimeProvider(AttendanceClaimsApiTests.Start);
        await using var world = await LiveWorld.Create(database, ClaimsApiTests.Settings(), clock);
        var people = world.People;
        var (session, drafts) = await Drafts(world, clock, people.Contributor, people.SecondContributor);
        var mine = drafts[people.Contributor];
        var theirs = drafts[people.SecondContributor];
        var facilitator = world.App.CreateClient(people.Facilitator);

        // Nobody else declines a contributor's draft: not another contributor, a stranger, or the payer's finance staff;
        // a facilitator must say why. Each refusal leaves the draft as it was.
        var refusals = new (Guid Caller, Guid Claim, object Body, HttpStatusCode Status)[]
        {
            (people.SecondContributor, mine, new { }, HttpStatusCode.NotFound),
            (people.Stranger, mine, new { }, HttpStatusCode.NotFound),
            (people.FinanceStaff, mine, new { reason = "Not needed." }, HttpStatusCode.Forbidden),
            (people.Facilitator, theirs, new { }, HttpStatusCode.BadRequest),
            (people.Facilitator, theirs, new { reason = "   " }, HttpStatusCode.BadRequest),
            (people.Contributor, mine, new { reason = new string('x', 20_000) }, HttpStatusCode.BadRequest),
            (people.Contributor, Guid.NewGuid(), new { }, HttpStatusCode.NotFound),
        };
        foreach (var (caller, claim, body, status) in refusals)
        {
            var response = await world.App.CreateClient(caller).PostJson($"/api/claims/{claim}/decline", body).Expect(status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.All(await AttendanceClaimsApiTests.Claims(world, people.Facilitator, world.ProjectId), c => Assert.Equal("Draft", c.GetProperty("status").GetString()));

        // The contributor declines theirs without a reason; the facilitator withdraws the other, saying why.
        var declined = await (await world.App.CreateClient(people.Contributor).PostJson($"/api/claims/{mine}/decline", new { }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(("Declined", JsonValueKind.Null, people.Contributor),
            (declined.GetProperty("status").GetString(), declined.GetProperty("rejectionReason").ValueKind, declined.GetProperty("decidedBy").GetGuid()));
        var withdrawn = await (await facilitator.PostJson($"/api/claims/{theirs}/decline", new { reason = "Joined to test the sound only." }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(("Declined", "Joined to test the sound only.", people.Facilitator),
            (withdrawn.GetProperty("status").GetString(), withdrawn.GetProperty("rejectionReason").GetString(), withdrawn.GetProperty("decidedBy").GetGuid()));

        // Declined is final: not confirmed, approved, rejected or declined again, never drafted again, and not a claim
        // for timeliness.
        var finance = world.App.CreateClient(people.FinanceStaff);
        await world.App.CreateClient(people.Contributor).PostJson($"/api/claims/{mine}/confirm", new { }).Expect(HttpStatusCode.Conflict);
        await world.App.CreateClient(people.Contributor).PostJson($"/api/claims/{mine}/decline", new { }).Expect(HttpStatusCode.Conflict);
        await facilitator.PostJson($"/api/claims/{mine}/decline", new { }).Expect(HttpStatusCode.Conflict);
        await finance.PostJson($"/api/claims/{theirs}/approve", new { }).Expect(HttpStatusCode.Conflict);
        await finance.PostJson($"/api/claims/{theirs}/reject", new { reason = "Not a claim." }).Expect(HttpStatusCode.Conflict);
        await facilitator.PostJson($"/api/projects/{world.ProjectId}/live/sessions/{session}/claims", AttendanceClaimsApiTests.Meeting).Expect(HttpStatusCode.Conflict);
        Assert.Equal(0, (await (await facilitator.GetAsync($"/api/projects/{world.ProjectId}/payments/timeliness").Expect(HttpStatusCode.OK)).Json()).GetProperty("claims").GetInt32());
        var stored = await Stored(world, people.SecondContributor, theirs);
        Assert.Equal(("Declined", "Joined to test the sound only."), (stored.GetProperty("status").GetString(), stored.GetProperty("rejectionReason").GetString()));
    }

    [Fact]
    public async Task ASupporterActingWithTheContributorDeclinesWithNoBodyAtAllAndIsRecorded()
    {
        var clock = new ManualTimeProvider(AttendanceClaimsApiTests.Start);
        await using var world = await LiveWorld.Create(database, ClaimsApiTests.Settings(), clock);
        var people = world.People;
        var (_, drafts) = await Drafts(world, clock, people.Contributor);

        var response = await people.AsSupporterOf(people.Contributor).PostAsync($"/api/claims/{drafts[people.Contributor]}/decline", null).Expect(HttpStatusCode.OK);
        var declined = await response.Json();
        Assert.Equal(("Declined", people.Contributor, people.Supporter, JsonValueKind.Null),
            (declined.GetProperty("status").GetString(), declined.GetProperty("decidedBy").GetGuid(), declined.GetProperty("supportedBy").GetGuid(),
                declined.GetProperty("rejectionReason").ValueKind));
    }

    [Fact]
    public async Task TwoAnswersToOneDraftAtOnceLeaveExactlyOneAndTheStoredClaimIsTheWinners()
    {
        var clock = new ManualTimeProvider(AttendanceClaimsApiTests.Start);
        await using var world = await LiveWorld.Create(database, ClaimsApiTests.Settings(), clock);
        var people = world.People;
        var (_, drafts) = await Drafts(world, clock, people.Contributor, people.SecondContributor);
        var contributor = world.App.CreateClient(people.Contributor);

        // Confirming and declining the same draft at once: one wins, the other is told it was too late.
        var confirmOrDecline = drafts[people.Contributor];
        var answers = await Task.WhenAll(
            contributor.PostJson($"/api/claims/{confirmOrDecline}/confirm", new { }),
            contributor.PostJson($"/api/claims/{confirmOrDecline}/decline", new { }));
        var stored = await Stored(world, people.Contributor, confirmOrDecline);
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, answers.Select(a => a.StatusCode).Order());
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Json();
        Assert.Equal(winner.GetProperty("status").GetString(), stored.GetProperty("status").GetString());

        // The contributor and a facilitator declining the same draft at once: declined once, by whoever came first.
        var declinedTwice = drafts[people.SecondContributor];
        var declines = await Task.WhenAll(
            world.App.CreateClient(people.SecondContributor).PostJson($"/api/claims/{declinedTwice}/decline", new { }),
            world.App.CreateClient(people.Facilitator).PostJson($"/api/claims/{declinedTwice}/decline", new { reason = "Made in error." }));
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }, declines.Select(d => d.StatusCode).Order());
        var first = await declines.Single(d => d.StatusCode == HttpStatusCode.OK).Json();
        var declined = await Stored(world, people.SecondContributor, declinedTwice);
        Assert.Equal(
            ("Declined", first.GetProperty("decidedBy").GetGuid(), first.GetProperty("rejectionReason").GetString()),
            (declined.GetProperty("status").GetString(), declined.GetProperty("decidedBy").GetGuid(), declined.GetProperty("rejectionReason").GetString()));
    }

    /// <summary>
    /// Sets the organisation's rate card, has <paramref name="present"/> in the hub for a 50-minute session, and closes
    /// it with claims: the session and each person's draft claim.
    /// </summary>
    private static async Task<(Guid Session, Dictionary<Guid, Guid> Drafts)> Drafts(LiveWorld world, ManualTimeProvider clock, params Guid[] present)
    {
        var people = world.People;
        var facilitator = world.App.CreateClient(people.Facilitator);
        await facilitator.PutJson($"/api/payments/Organisation/{people.OrganisationId}/policy", PaymentsWorld.Policy()).Expect(HttpStatusCode.OK);
        foreach (var person in present)
        {
            await world.Join(person);
        }

        var sessions = $"/api/projects/{world.ProjectId}/live/sessions";
        var session = (await (await facilitator.PostAsync(sessions, null).Expect(HttpStatusCode.Created)).Json()).GetProperty("id").GetGuid();
        clock.Advance(TimeSpan.FromMinutes(50));
        var closed = await (await facilitator.PostJson($"{sessions}/{session}/close", new { claims = AttendanceClaimsApiTests.Meeting }).Expect(HttpStatusCode.OK)).Json();
        return (session, closed.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("personId").GetGuid(), c => c.GetProperty("id").GetGuid()));
    }

    private static async Task<JsonElement> Stored(LiveWorld world, Guid caller, Guid claim) =>
        await (await world.App.CreateClient(caller).GetAsync($"/api/claims/{claim}").Expect(HttpStatusCode.OK)).Json();
}

public sealed class SqliteAttendanceClaimsDeclineApiTests(SqliteDatabase database) : AttendanceClaimsDeclineApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresAttendanceClaimsDeclineApiTests(PostgresDatabase database) : AttendanceClaimsDeclineApiTests(database), IClassFixture<PostgresDatabase>;
