using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Live;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// Claims from attendance: contributors join the live hub with the .NET SDK, a facilitator opens and closes a session
/// over HTTP on a clock the test moves, and each contributor's time present becomes a draft claim they confirm.
/// </summary>
public abstract class AttendanceClaimsApiTests(ITestDatabase database)
{
    /// <summary>A Tuesday morning.</summary>
    internal static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    internal static readonly object Meeting = new { role = "Expert by experience", activity = "Meeting" };

    [Fact]
    public async Task TimePresentInASessionBecomesDraftClaimsTheContributorConfirmsUnderTheirChoiceAndLimit()
    {
        var clock = new ManualTimeProvider(Start);
        await using var world = await LiveWorld.Create(database, ClaimsApiTests.Settings(), clock);
        var people = world.People;
        var facilitator = world.App.CreateClient(people.Facilitator);
        await facilitator.PutJson($"/api/payments/Organisation/{people.OrganisationId}/policy", PaymentsWorld.Policy()).Expect(HttpStatusCode.OK);
        var sessions = $"/api/projects/{world.ProjectId}/live/sessions";

        // Present before the session opens: counted from the opening. Everyone in the hub sees it open.
        var first = await world.Join(people.Contributor);
        var opened = await (await facilitator.PostAsync(sessions, null).Expect(HttpStatusCode.Created)).Json();
        var session = opened.GetProperty("id").GetGuid();
        Assert.Equal(session, (await world.Log(first).Next<SessionOpened>()).SessionId);
        await facilitator.PostAsync(sessions, null).Expect(HttpStatusCode.Conflict);

        // The second contributor comes half an hour in and leaves an hour later.
        clock.Advance(TimeSpan.FromMinutes(30));
        var second = await world.Join(people.SecondContributor);
        clock.Advance(TimeSpan.FromMinutes(60));
        await second.DisposeAsync();
        await world.Log(first).Next<PersonLeft>(p => p.PersonId == people.SecondContributor);

        // Claims are made from closed sessions only.
        clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        await facilitator.PostJson($"{sessions}/{session}/claims", Meeting).Expect(HttpStatusCode.Conflict);
        var closed = await (await facilitator.PostJson($"{sessions}/{session}/close", new { claims = Meeting }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(session, (await world.Log(first).Next<SessionClosed>()).SessionId);
        var attendance = closed.GetProperty("session").GetProperty("attendance").EnumerateArray()
            .ToDictionary(a => a.GetProperty("personId").GetGuid(), a => a.GetProperty("secondsPresent").GetDouble());
        Assert.Equal(7201, attendance[people.Contributor]);
        Assert.Equal(3600, attendance[people.SecondContributor]);

        // Two hours and a second: paid to the next quarter hour. An hour: one hour. Drafts, for the day of the session.
        var claims = closed.GetProperty("claims").EnumerateArray().ToDictionary(c => c.GetProperty("personId").GetGuid());
        Assert.Equal(2, claims.Count);
        Assert.Equal((2.25m, 56.25m, "Draft", "2026-03-10"), Summary(claims[people.Contributor]));
        Assert.Equal((1m, 25m, "Draft", "2026-03-10"), Summary(claims[people.SecondContributor]));

        // Never twice: the whole session again, or one person again, is refused and makes nothing.
        await facilitator.PostJson($"{sessions}/{session}/claims", Meeting).Expect(HttpStatusCode.Conflict);
        await facilitator.PostJson($"{sessions}/{session}/claims", new { role = "Expert by experience", activity = "Meeting", people = new[] { people.Contributor } })
            .Expect(HttpStatusCode.Conflict);
        await facilitator.PostJson($"{sessions}/{session}/close", new { }).Expect(HttpStatusCode.Conflict);
        Assert.Equal(2, (await (await facilitator.GetAsync($"/api/projects/{world.ProjectId}/claims").Expect(HttpStatusCode.OK)).Json()).GetProperty("total").GetInt32());

        // A draft is not approved, nor counted for timeliness, until its contributor confirms it; nobody else confirms it.
        var mine = claims[people.Contributor].GetProperty("id").GetGuid();
        var theirs = claims[people.SecondContributor].GetProperty("id").GetGuid();
        var finance = world.App.CreateClient(people.FinanceStaff);
        await finance.PostJson($"/api/claims/{mine}/approve", new { }).Expect(HttpStatusCode.Conflict);
        Assert.Equal(0, (await (await facilitator.GetAsync($"/api/projects/{world.ProjectId}/payments/timeliness").Expect(HttpStatusCode.OK)).Json()).GetProperty("claims").GetInt32());
        await facilitator.PostJson($"/api/claims/{theirs}/confirm", new { }).Expect(HttpStatusCode.Forbidden);
        await world.App.CreateClient(people.Contributor).PostJson($"/api/claims/{theirs}/confirm", new { }).Expect(HttpStatusCode.NotFound);

        // The contributor takes it down to two hours and confirms; it waits for their choice like any other claim.
        var contributor = world.App.CreateClient(people.Contributor);
        var confirmed = await (await contributor.PostJson($"/api/claims/{mine}/confirm", new { quantity = 2 }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(("AwaitingChoice", 50.00m), (confirmed.GetProperty("status").GetString(), confirmed.GetProperty("fee").GetDecimal()));
        await contributor.PostJson($"/api/claims/{mine}/confirm", new { }).Expect(HttpStatusCode.Conflict);
        await contributor.PutJson("/api/me/payments/limit", new { weeklyLimit = 40.00m, currency = "GBP" }).Expect(HttpStatusCode.OK);
        await contributor.PutJson("/api/me/payments/choices", new { payerKind = "Organisation", payerId = people.OrganisationId, choice = "Accept" }).Expect(HttpStatusCode.OK);

        // £50 in the week is over the contributor's £40 limit: held, and only they decide.
        var held = await (await finance.PostJson($"/api/claims/{mine}/approve", new { }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("HeldAtLimit", held.GetProperty("status").GetString());
        Assert.Equal(40.00m, held.GetProperty("limitWarning").GetProperty("room").GetDecimal());

        // The other contributor confirms as drafted; with no choice made yet it waits for one.
        var other = await (await world.App.CreateClient(people.SecondContributor).PostJson($"/api/claims/{theirs}/confirm", new { note = "Left early for the bus." })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(("AwaitingChoice", 25.00m, "Left early for the bus."), (other.GetProperty("status").GetString(), other.GetProperty("fee").GetDecimal(), other.GetProperty("note").GetString()));
        Assert.Equal(2, (await (await facilitator.GetAsync($"/api/projects/{world.ProjectId}/payments/timeliness").Expect(HttpStatusCode.OK)).Json()).GetProperty("claims").GetInt32());
    }

    [Fact]
    public async Task AnotherProjectsSessionSomeoneNotPresentAndOutsidersAreRefusedAndMakeNoClaim()
    {
        var clock = new ManualTimeProvider(Start);
        await using var world = await LiveWorld.Create(database, ClaimsApiTests.Settings(), clock);
        var people = world.People;
        var facilitator = world.App.CreateClient(people.Facilitator);
        await facilitator.PutJson($"/api/payments/Organisation/{people.OrganisationId}/policy", PaymentsWorld.Policy()).Expect(HttpStatusCode.OK);
        var sessions = $"/api/projects/{world.ProjectId}/live/sessions";

        // Another project of the same facilitator, with the same contributor in it.
        var otherProject = Guid.NewGuid();
        var grains = Scenario.Grains(world.App);
        await grains.GetGrain<IProjectGrain>(otherProject).Create(new Actor(people.Facilitator), people.OrganisationId, null, "Crisis café", null);
        await grains.GetGrain<IProjectGrain>(otherProject).Enrol(new Actor(people.Facilitator), people.Contributor, ProjectRole.Contributor);

        // Only facilitators open sessions; people outside the project are told it does not exist.
        await world.App.CreateClient(people.Contributor).PostAsync(sessions, null).Expect(HttpStatusCode.Forbidden);
        await world.App.CreateClient(people.Stranger).PostAsync(sessions, null).Expect(HttpStatusCode.NotFound);

        await world.Join(people.Contributor);
        var observer = await world.Join(people.Observer);
        var session = (await (await facilitator.PostAsync(sessions, null).Expect(HttpStatusCode.Created)).Json()).GetProperty("id").GetGuid();
        clock.Advance(TimeSpan.FromMinutes(45));

        // Closing with claims the rate card cannot price, or for named people, is refused before the session closes.
        await facilitator.PostJson($"{sessions}/{session}/close", new { claims = new { role = "Expert by experience", activity = "Abseiling" } }).Expect(HttpStatusCode.BadRequest);
        await facilitator.PostJson($"{sessions}/{session}/close", new { claims = new { role = "Expert by experience", activity = "Meeting", people = new[] { people.Contributor } } })
            .Expect(HttpStatusCode.BadRequest);
        var stillOpen = await (await facilitator.GetAsync($"{sessions}/{session}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(JsonValueKind.Null, stillOpen.GetProperty("closedAt").ValueKind);
        await facilitator.PostJson($"{sessions}/{session}/close", new { }).Expect(HttpStatusCode.OK);

        var refusals = new (Guid Caller, string Url, object Body, HttpStatusCode Status)[]
        {
            // The session belongs to another project.
            (people.Facilitator, $"/api/projects/{otherProject}/live/sessions/{session}/claims", Meeting, HttpStatusCode.NotFound),

            // A contributor of the project who was not there; an observer who was there but is not a contributor.
            (people.Facilitator, $"{sessions}/{session}/claims", new { role = "Expert by experience", activity = "Meeting", people = new[] { people.ThirdContributor } }, HttpStatusCode.BadRequest),
            (people.Facilitator, $"{sessions}/{session}/claims", new { role = "Expert by experience", activity = "Meeting", people = new[] { people.Contributor, people.Observer } }, HttpStatusCode.BadRequest),

            // No rate for that role and activity: nobody gets a claim.
            (people.Facilitator, $"{sessions}/{session}/claims", new { role = "Expert by experience", activity = "Abseiling" }, HttpStatusCode.BadRequest),

            // An unknown session, and people who are not the project's facilitators.
            (people.Facilitator, $"{sessions}/{Guid.NewGuid()}/claims", Meeting, HttpStatusCode.NotFound),
            (people.Contributor, $"{sessions}/{session}/claims", Meeting, HttpStatusCode.Forbidden),
            (people.FinanceStaff, $"{sessions}/{session}/claims", Meeting, HttpStatusCode.Forbidden),
            (people.Stranger, $"{sessions}/{session}/claims", Meeting, HttpStatusCode.NotFound),
        };
        foreach (var (caller, url, body, status) in refusals)
        {
            var response = await world.App.CreateClient(caller).PostJson(url, body).Expect(status);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await Claims(world, people.Facilitator, world.ProjectId));
        Assert.Empty(await Claims(world, people.Facilitator, otherProject));
        await observer.DisposeAsync();

        // Then, asked properly, the one contributor present gets one claim: 45 minutes.
        var made = await (await facilitator.PostJson($"{sessions}/{session}/claims", Meeting).Expect(HttpStatusCode.Created)).Json();
        var claim = Assert.Single(made.GetProperty("created").EnumerateArray().ToList());
        Assert.Equal((0.75m, 18.75m, "Draft", "2026-03-10"), Summary(claim));
        Assert.Equal(people.Contributor, claim.GetProperty("personId").GetGuid());
    }

    [Fact]
    public async Task TimePresentIsPaidInThePayersOwnStepAndAStepThatIsNotExactInHoursIsRefused()
    {
        var clock = new ManualTimeProvider(Start);
        await using var world = await LiveWorld.Create(database, ClaimsApiTests.Settings(), clock);
        var people = world.People;
        var facilitator = world.App.CreateClient(people.Facilitator);
        var policyUrl = $"/api/payments/Organisation/{people.OrganisationId}/policy";

        // Seven minutes is not a whole number of hundredths of an hour: refused, and no policy is set.
        var policy = JsonSerializer.SerializeToNode(PaymentsWorld.Policy())!.AsObject();
        policy["attendanceMinutes"] = 7;
        var refused = await facilitator.PutJson(policyUrl, policy).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("attendanceMinutes", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await facilitator.GetAsync(policyUrl).Expect(HttpStatusCode.NotFound);

        // A card that does not say pays by the quarter hour; this one pays in six-minute steps.
        var set = await facilitator.PutJson(policyUrl, PaymentsWorld.Policy()).Expect(HttpStatusCode.OK);
        Assert.Equal(15, (await set.Json()).GetProperty("policy").GetProperty("attendanceMinutes").GetInt32());
        policy["attendanceMinutes"] = 6;
        var stepped = await (await facilitator.SendAsync(Scenario.Request(HttpMethod.Put, policyUrl, policy, set.Headers.ETag!.Tag)).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(6, stepped.GetProperty("policy").GetProperty("attendanceMinutes").GetInt32());

        // Thirty-three minutes present: six steps of six minutes (0.6 h), where the quarter hour would pay 0.75 h.
        await world.Join(people.Contributor);
        var sessions = $"/api/projects/{world.ProjectId}/live/sessions";
        var session = (await (await facilitator.PostAsync(sessions, null).Expect(HttpStatusCode.Created)).Json()).GetProperty("id").GetGuid();
        clock.Advance(TimeSpan.FromMinutes(33));
        var closed = await (await facilitator.PostJson($"{sessions}/{session}/close", new { claims = Meeting }).Expect(HttpStatusCode.OK)).Json();
        var claim = Assert.Single(closed.GetProperty("claims").EnumerateArray().ToList());
        Assert.Equal((0.6m, 15.00m, "Draft", "2026-03-10"), Summary(claim));
    }

    [Fact]
    public async Task ACloseThatFailedPartWayIsFinishedWhenSentAgainAndMakesEachClaimOnce()
    {
        var clock = new ManualTimeProvider(Start);
        var failNextLiveWrite = false;
        await using var world = await LiveWorld.Create(
            database, ClaimsApiTests.Settings(), clock, decorateStorage: inner => new FailingLiveWrites(inner, () => Interlocked.Exchange(ref failNextLiveWrite, false)));
        var people = world.People;
        var facilitator = world.App.CreateClient(people.Facilitator);
        await facilitator.PutJson($"/api/payments/Organisation/{people.OrganisationId}/policy", PaymentsWorld.Policy()).Expect(HttpStatusCode.OK);
        var first = await world.Join(people.Contributor);
        await world.Join(people.SecondContributor);
        var sessions = $"/api/projects/{world.ProjectId}/live/sessions";
        var session = (await (await facilitator.PostAsync(sessions, null).Expect(HttpStatusCode.Created)).Json()).GetProperty("id").GetGuid();
        clock.Advance(TimeSpan.FromMinutes(50));

        // The attendance is kept, then the live session's own write fails: the close is not done, and nobody is paid yet.
        Volatile.Write(ref failNextLiveWrite, true);
        var failed = await facilitator.PostJson($"{sessions}/{session}/close", new { claims = Meeting });
        Assert.False(failed.IsSuccessStatusCode);
        Assert.False(Volatile.Read(ref failNextLiveWrite));
        Assert.Empty(await Claims(world, people.Facilitator, world.ProjectId));

        // Sent again, the close finishes: the session closes once and each contributor present gets one claim.
        var closed = await (await facilitator.PostJson($"{sessions}/{session}/close", new { claims = Meeting }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, closed.GetProperty("claims").GetArrayLength());
        Assert.Equal(session, (await world.Log(first).Next<SessionClosed>()).SessionId);

        // Sent once more, it is closed already, and still one claim each.
        await facilitator.PostJson($"{sessions}/{session}/close", new { claims = Meeting }).Expect(HttpStatusCode.Conflict);
        var claims = await Claims(world, people.Facilitator, world.ProjectId);
        Assert.Equal(new[] { people.Contributor, people.SecondContributor }.Order(), claims.Select(c => c.GetProperty("personId").GetGuid()).Order());
        Assert.Single(world.Log(first).All<SessionClosed>());
    }

    internal static async Task<List<JsonElement>> Claims(LiveWorld world, Guid caller, Guid project) =>
        [.. (await (await world.App.CreateClient(caller).GetAsync($"/api/projects/{project}/claims").Expect(HttpStatusCode.OK)).Json()).GetProperty("items").EnumerateArray()];

    private static (decimal Quantity, decimal Fee, string Status, string Date) Summary(JsonElement claim) => (
        claim.GetProperty("quantity").GetDecimal(), claim.GetProperty("fee").GetDecimal(),
        claim.GetProperty("status").GetString()!, claim.GetProperty("activityDate").GetString()!);
}

public sealed class SqliteAttendanceClaimsApiTests(SqliteDatabase database) : AttendanceClaimsApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresAttendanceClaimsApiTests(PostgresDatabase database) : AttendanceClaimsApiTests(database), IClassFixture<PostgresDatabase>;
