using System.Net;

namespace CoProduce.Gateway.Tests.Payments;

public abstract class ClaimsApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task AClaimWaitsForTheContributorsChoiceThenIsApprovedAndPaidExactlyOnce()
    {
        var app = database.SharedWith(Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;

        var claim = await world.Claim(people.Contributor, PaymentsWorld.Meeting(2.5m, travel: 6.40m));
        var id = PaymentsWorld.Id(claim);
        Assert.Equal("AwaitingChoice", claim.GetProperty("status").GetString());
        Assert.Equal(62.50m, claim.GetProperty("fee").GetDecimal());
        Assert.Equal(6.40m, claim.GetProperty("expensesTotal").GetDecimal());
        await app.CreateClient(people.Finance).PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.Conflict);

        await world.Choose(people.Contributor, "Accept");
        var submitted = await world.Get(id);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        Assert.Equal(62.50m, submitted.GetProperty("feeToPay").GetDecimal());
        Assert.Equal("Person", submitted.GetProperty("feePayee").GetString());

        await app.CreateClient(people.Contributor).PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.Forbidden);
        await app.CreateClient(people.Lead).PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.Forbidden);
        var approved = await world.Approve(id);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal(2, await world.LedgerCount($"kind = 'Accrual' AND claim_id = '{id:D}'"));

        var run = await world.PayOut();
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("claimsPaid").GetInt32());
        Assert.Equal(68.90m, run.GetProperty("amountPaid").GetDecimal());
        var paid = await world.Get(id);
        Assert.Equal("Paid", paid.GetProperty("status").GetString());
        Assert.False(paid.GetProperty("late").GetBoolean());

        var again = await world.PayOut();
        Assert.Equal(0, again.GetProperty("claimsPaid").GetInt32());
        Assert.Equal(2, await world.LedgerCount($"kind = 'Payout' AND claim_id = '{id:D}'"));

        // Balances are derived from the rows: nothing is still owed, and the bank paid out the whole claim.
        var balances = await (await app.CreateClient(people.Finance).GetAsync($"{world.PayerUrl}/balances").Expect(HttpStatusCode.OK)).Json();
        var byAccount = balances.EnumerateArray().ToDictionary(b => b.GetProperty("account").GetString()!, b => b.GetProperty("balance").GetDecimal());
        Assert.Equal(-68.90m, byAccount[$"bank:Organisation:{people.OrganisationId:D}"]);
        Assert.Equal(0m, byAccount[$"owed:Organisation:{people.OrganisationId:D}:person:{people.Contributor:D}"]);
        Assert.Equal(0m, byAccount.Values.Sum());

        var csv = await (await app.CreateClient(people.Contributor).GetAsync("/api/me/statement.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.Contains($"{id:D},", csv, StringComparison.Ordinal);
        Assert.Contains(",Paid,", csv, StringComparison.Ordinal);
        var html = await (await app.CreateClient(people.Contributor).GetAsync("/api/me/statement.html").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.Contains("Paid in total: 68.90 GBP", html, StringComparison.Ordinal);
        var export = Path.Combine(Settings()["CoProduce:Payments:ExportDirectory"]!, $"payout-{run.GetProperty("id").GetGuid():D}.csv");
        Assert.Equal(3, (await File.ReadAllLinesAsync(export)).Length);
    }

    [Fact]
    public async Task ChoicesShapeTheFeeAndAChangeAppliesFromThenOn()
    {
        var app = database.SharedWith(Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "AcceptLess", percent: 50);
        var half = await world.Claim(people.Contributor, PaymentsWorld.Meeting(2));
        Assert.Equal("Submitted", half.GetProperty("status").GetString());
        Assert.Equal(25.00m, half.GetProperty("feeToPay").GetDecimal());

        await world.Choose(people.Contributor, "Donate", charity: "Mind in Northshire");
        var donated = await world.Claim(people.Contributor, PaymentsWorld.Meeting(1));
        Assert.Equal("Charity", donated.GetProperty("feePayee").GetString());
        Assert.Equal("Mind in Northshire", donated.GetProperty("charity").GetString());
        Assert.Equal(25.00m, (await world.Get(PaymentsWorld.Id(half))).GetProperty("feeToPay").GetDecimal());

        await world.Choose(people.Contributor, "Decline");
        var declined = await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, travel: 4.00m));
        Assert.Equal(0m, declined.GetProperty("feeToPay").GetDecimal());
        Assert.Equal("None", declined.GetProperty("feePayee").GetString());
        await world.Approve(PaymentsWorld.Id(declined));
        await world.PayOut();
        Assert.Equal(1, await world.LedgerCount($"kind = 'Payout' AND claim_id = '{PaymentsWorld.Id(declined):D}'"));

        await app.CreateClient(people.Contributor).PutJson("/api/me/payments/choices", new { payerKind = "Organisation", payerId = people.OrganisationId, choice = "AcceptLess", percent = 100 })
            .Expect(HttpStatusCode.BadRequest);
        await app.CreateClient(people.Contributor).PutJson("/api/me/payments/choices", new { payerKind = "Organisation", payerId = people.OrganisationId, choice = "Donate" })
            .Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheWeeklyLimitIsSummedAcrossTwoOrganisationsAndNothingOverItIsPaidWithoutConfirmation()
    {
        var app = database.SharedWith(Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;

        // A second organisation, with its own finance officer, rate card and project, and the same contributor.
        var otherAdmin = Guid.NewGuid();
        var otherFinance = Guid.NewGuid();
        var otherOrg = await Scenario.Organisation(app.CreateClient(otherAdmin), "Southvale Mind");
        await Scenario.AddStaff(app.CreateClient(otherAdmin), otherOrg, otherFinance, "Finance");
        var otherProject = Guid.NewGuid();
        await Scenario.Grains(app).GetGrain<CoProduce.Grains.Projects.IProjectGrain>(otherProject)
            .Create(new(otherAdmin), otherOrg, null, "Crisis café", null);
        await Scenario.Grains(app).GetGrain<CoProduce.Grains.Projects.IProjectGrain>(otherProject)
            .Enrol(new(otherAdmin), people.Contributor, CoProduce.Grains.Projects.ProjectRole.Contributor);
        var otherPayer = $"/api/payments/Organisation/{otherOrg}";
        await world.SetPolicy(otherPayer, otherFinance);

        await app.CreateClient(people.Contributor).PutJson("/api/me/payments/limit", new { weeklyLimit = 40.00m, currency = "GBP", permissionNote = "Permitted Work" })
            .Expect(HttpStatusCode.OK);
        await world.Choose(people.Contributor, "Accept");
        await world.Choose(people.Contributor, "Accept", otherOrg);

        var first = await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, travel: 20.00m));
        Assert.Equal("Approved", (await world.Approve(PaymentsWorld.Id(first))).GetProperty("status").GetString());

        // £25 already counted from the first organisation; £25 more from the second would make £50, over £40.
        var second = await world.Claim(people.Contributor, PaymentsWorld.Meeting(1), otherProject);
        var held = await world.Approve(PaymentsWorld.Id(second), otherFinance);
        Assert.Equal("HeldAtLimit", held.GetProperty("status").GetString());
        var warning = held.GetProperty("limitWarning");
        Assert.Equal(25.00m, warning.GetProperty("alreadyCounted").GetDecimal());
        Assert.Equal(15.00m, warning.GetProperty("room").GetDecimal());
        Assert.Contains("Defer", warning.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("HeldAtLimit", (await world.Get(PaymentsWorld.Id(second))).GetProperty("status").GetString());

        // Held claims are never paid, and only the contributor decides.
        var run = await world.PayOut(otherPayer, otherFinance);
        Assert.Equal(0, run.GetProperty("claimsPaid").GetInt32());
        await app.CreateClient(otherFinance).PostJson($"/api/claims/{PaymentsWorld.Id(second)}/limit", new { action = "Confirm" }).Expect(HttpStatusCode.Forbidden);
        var reduced = await (await app.CreateClient(people.Contributor).PostJson($"/api/claims/{PaymentsWorld.Id(second)}/limit", new { action = "Reduce" })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Approved", reduced.GetProperty("status").GetString());
        Assert.Equal(15.00m, reduced.GetProperty("feeToPay").GetDecimal());

        // The week is now full: a third claim is held, deferred to next week, and approved there.
        var third = await world.Claim(people.Contributor, PaymentsWorld.Meeting(1));
        Assert.Equal("HeldAtLimit", (await world.Approve(PaymentsWorld.Id(third))).GetProperty("status").GetString());
        var nextWeek = PaymentsWorld.Yesterday().AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var deferred = await (await app.CreateClient(people.Contributor).PostJson($"/api/claims/{PaymentsWorld.Id(third)}/limit", new { action = "Defer", payWeek = nextWeek })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Approved", deferred.GetProperty("status").GetString());

        // A fourth, confirmed explicitly by the contributor, is paid in full over the limit.
        var fourth = await world.Claim(people.Contributor, PaymentsWorld.Meeting(1));
        Assert.Equal("HeldAtLimit", (await world.Approve(PaymentsWorld.Id(fourth))).GetProperty("status").GetString());
        var confirmed = await (await app.CreateClient(people.Contributor).PostJson($"/api/claims/{PaymentsWorld.Id(fourth)}/limit", new { action = "Confirm" })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.True(confirmed.GetProperty("limitConfirmed").GetBoolean());
        Assert.Equal(25.00m, confirmed.GetProperty("feeToPay").GetDecimal());
    }

    [Fact]
    public async Task TwoApprovalsOfOneClaimAtOnceOneWins()
    {
        var app = database.SharedWith(Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var secondFinance = Guid.NewGuid();
        await Scenario.AddStaff(app.CreateClient(people.Admin), people.OrganisationId, secondFinance, "Finance");
        await world.Choose(people.Contributor, "Accept");
        for (var i = 0; i < 5; i++)
        {
            var id = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, travel: 2.00m)));
            var answers = await Task.WhenAll(
                app.CreateClient(people.Finance).PostJson($"/api/claims/{id}/approve", new { }),
                app.CreateClient(secondFinance).PostJson($"/api/claims/{id}/approve", new { }));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
            Assert.Equal(2, await world.LedgerCount($"kind = 'Accrual' AND claim_id = '{id:D}'"));
        }
    }

    [Fact]
    public async Task RejectionNeedsAReasonTheContributorSees()
    {
        var app = database.SharedWith(Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "Accept");
        var id = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1)));
        await app.CreateClient(people.Finance).PostJson($"/api/claims/{id}/reject", new { reason = " " }).Expect(HttpStatusCode.BadRequest);
        await app.CreateClient(people.Finance).PostJson($"/api/claims/{id}/reject", new { reason = "Already claimed on the 12th." }).Expect(HttpStatusCode.OK);
        var seen = await (await app.CreateClient(people.Contributor).GetAsync("/api/me/claims").Expect(HttpStatusCode.OK)).Json();
        var item = seen.GetProperty("items")[0];
        Assert.Equal("Rejected", item.GetProperty("status").GetString());
        Assert.Equal("Already claimed on the 12th.", item.GetProperty("rejectionReason").GetString());
        await app.CreateClient(people.Finance).PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.Conflict);
        Assert.Equal(0, await world.LedgerCount($"claim_id = '{id:D}'"));
    }

    [Fact]
    public async Task LatePaymentsAreFlaggedAndCountedInTheProjectsTimeliness()
    {
        // A fixed Tuesday: the pay week, the promise and every payout time follow this clock alone.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero));
        await using var app = new GatewayApplication(database, settings: Settings(),
            configureServices: services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, clock));
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "Accept");
        var onTime = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, date: PaymentsWorld.Yesterday(clock))));
        var late = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(2, date: PaymentsWorld.Yesterday(clock))));
        await world.Approve(onTime);
        Assert.Equal(1, (await world.PayOut()).GetProperty("claimsPaid").GetInt32());
        Assert.False((await world.Get(onTime)).GetProperty("late").GetBoolean());

        // The promise is 14 days: at that very moment the unpaid claim is not late yet; a moment after, it is.
        clock.Advance(TimeSpan.FromDays(14));
        Assert.False((await world.Get(late)).GetProperty("late").GetBoolean());
        clock.Advance(TimeSpan.FromDays(1));
        var overdue = await world.Get(late);
        Assert.True(overdue.GetProperty("late").GetBoolean());
        var figures = await (await app.CreateClient(people.Contributor).GetAsync($"/api/projects/{world.ProjectId}/payments/timeliness").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, figures.GetProperty("claims").GetInt32());
        Assert.Equal(1, figures.GetProperty("paidOnTime").GetInt32());
        Assert.Equal(1, figures.GetProperty("unpaidOverdue").GetInt32());

        await world.Approve(late);
        Assert.Equal(1, (await world.PayOut()).GetProperty("claimsPaid").GetInt32());
        Assert.True((await world.Get(late)).GetProperty("late").GetBoolean());
        Assert.False((await world.Get(onTime)).GetProperty("late").GetBoolean());
        figures = await (await app.CreateClient(people.Contributor).GetAsync($"/api/projects/{world.ProjectId}/payments/timeliness").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal((1, 1, 0), (figures.GetProperty("paidOnTime").GetInt32(), figures.GetProperty("paidLate").GetInt32(), figures.GetProperty("unpaidOverdue").GetInt32()));
        Assert.Equal(15, figures.GetProperty("longestDaysToPayment").GetDouble());
        await app.CreateClient(people.Stranger).GetAsync($"/api/projects/{world.ProjectId}/payments/timeliness").Expect(HttpStatusCode.NotFound);
    }

    internal static Dictionary<string, string?> Settings() => new()
    {
        ["CoProduce:Payments:ExportDirectory"] = Path.Combine(Path.GetTempPath(), "coproduce-payouts-tests"),
    };
}

public sealed class SqliteClaimsApiTests(SqliteGateway database) : ClaimsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresClaimsApiTests(PostgresGateway database) : ClaimsApiTests(database), IClassFixture<PostgresGateway>;
