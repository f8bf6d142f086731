using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using CoProduce.Gateway.Tests.Reports;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Projects;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>Payment timeliness in the power-balance report: claims paid on time, paid late and left unpaid, by the month they were made.</summary>
public abstract class PaymentTimelinessReportTests(ITestDatabase database)
{
    /// <summary>A Tuesday, so yesterday's activity is in the same pay week.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OnTimeLateAndOverduePaymentsAreCountedByTheMonthOfTheClaimForAProjectAndItsNetwork()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = new GatewayApplication(database, settings: ClaimsApiTests.Settings(), configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var (network, first, second) = await NetworkWithTwoProjects(world);
        await world.Choose(people.Contributor, "Accept");
        async Task<Guid> Claim(Guid project, decimal hours) =>
            PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(hours, date: PaymentsWorld.Yesterday(clock)), project));

        // March: four claims (the promise is 14 days). Two are paid at once, on time.
        var onTime = await Claim(first, 1);
        var late = await Claim(first, 2);
        await Claim(first, 3); // never approved: overdue from 24 March
        var elsewhere = await Claim(second, 1);
        await world.Approve(onTime);
        await world.Approve(elsewhere);
        await world.PayOut();

        // 15 days on, the second is approved and paid a day late.
        clock.Advance(TimeSpan.FromDays(15));
        await world.Approve(late);
        await world.PayOut();

        // April: one claim paid after 2 days, and one not yet due (neither on time nor late yet).
        clock.Advance(TimeSpan.FromDays(12));
        var april = await Claim(first, 1);
        await world.Approve(april);
        clock.Advance(TimeSpan.FromDays(2));
        await world.PayOut();
        await Claim(first, 1);

        var project = await Get(app, people.Contributor, $"/api/projects/{first}/power-balance");
        Assert.Equal("payments", project.GetProperty("sections").EnumerateArray().Last().GetProperty("key").GetString());
        AssertMeasure(project, "payments.paid-on-time", 2, 4, 0.5m, ("2026-03", 1, 3), ("2026-04", 1, 1));
        AssertMeasure(project, "payments.paid-late", 1, 4, 0.25m, ("2026-03", 1, 3), ("2026-04", 0, 1));
        AssertMeasure(project, "payments.overdue", 1, 4, 0.25m, ("2026-03", 1, 3), ("2026-04", 0, 1));
        AssertMeasure(project, "payments.days-to-payment", 17, 3, 5.6667m, ("2026-03", 15, 2), ("2026-04", 2, 1));
        var details = PowerBalanceReportApiTests.Section(project, "payments").GetProperty("details");
        Assert.Equal(
            [["Day services review", "2026-03", "3", "1", "1", "1", "7.5"], ["Day services review", "2026-04", "2", "1", "0", "0", "2"]],
            details.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToArray()).ToArray());

        // The network adds its second project's claim, paid on time the day it was made.
        var whole = await Get(app, people.Admin, $"/api/networks/{network}/power-balance");
        AssertMeasure(whole, "payments.paid-on-time", 3, 5, 0.6m, ("2026-03", 2, 4), ("2026-04", 1, 1));
        AssertMeasure(whole, "payments.paid-late", 1, 5, 0.2m, ("2026-03", 1, 4), ("2026-04", 0, 1));
        AssertMeasure(whole, "payments.overdue", 1, 5, 0.2m, ("2026-03", 1, 4), ("2026-04", 0, 1));
        AssertMeasure(whole, "payments.days-to-payment", 17, 4, 4.25m, ("2026-03", 15, 3), ("2026-04", 2, 1));

        // The same figures in the CSV and as lines of the chart; no person or amount anywhere.
        var csv = await (await app.CreateClient(people.Contributor).GetAsync($"/api/projects/{first}/power-balance.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.Contains($"Project,{first},Day services review,payments,payments.paid-late,Claims paid after the promised time,Share,2026-03,1,3,0.3333,\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"Project,{first},Day services review,payments,payments.days-to-payment,Days from claim to payment,Days,all,17,3,5.6667,\r\n", csv, StringComparison.Ordinal);
        var svg = XDocument.Parse(await (await app.CreateClient(people.Contributor).GetAsync($"/api/projects/{first}/power-balance.svg").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync()).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Contains("Claims paid by the promised time: 100% in 2026-04", svg.Element(ns + "desc")!.Value, StringComparison.Ordinal);
        var days = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("aria-label") == "Days from claim to payment");
        Assert.Equal(2, days.Elements(ns + "circle").Count());
        foreach (var text in new[] { project.GetRawText(), whole.GetRawText(), csv })
        {
            Assert.DoesNotContain(people.Contributor.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AClaimWaitingOnItsContributorIsNeverCountedAsPaidLateOrOverdue()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = new GatewayApplication(database, settings: ClaimsApiTests.Settings(), configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;

        // No choice made yet: the claim waits on the contributor, whatever the clock says.
        await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, date: PaymentsWorld.Yesterday(clock)));
        clock.Advance(TimeSpan.FromDays(30));
        var report = await Get(app, people.Contributor, $"/api/projects/{world.ProjectId}/power-balance");
        foreach (var key in new[] { "payments.paid-on-time", "payments.paid-late", "payments.overdue", "payments.days-to-payment" })
        {
            AssertMeasure(report, key, 0, 0, null);
        }

        var rows = PowerBalanceReportApiTests.Section(report, "payments").GetProperty("details").GetProperty("rows");
        Assert.Equal(["Day services review", "2026-03", "1", "0", "0", "0", ""], rows[0].EnumerateArray().Select(c => c.GetString()!).ToArray());
    }

    private static async Task<JsonElement> Get(GatewayApplication app, Guid person, string url) =>
        await (await app.CreateClient(person).GetAsync(url).Expect(HttpStatusCode.OK)).Json();

    private static async Task<(Guid Network, Guid First, Guid Second)> NetworkWithTwoProjects(PaymentsWorld world)
    {
        var people = world.People;
        var grains = Scenario.Grains(world.App);
        var admin = new Actor(people.Admin);
        var network = Guid.NewGuid();
        await grains.GetGrain<INetworkGrain>(network).Create(admin, "Northshire User Network");
        await grains.GetGrain<INetworkGrain>(network).AddOrganisation(admin, people.OrganisationId);
        var projects = new List<Guid>();
        foreach (var name in new[] { "Day services review", "Crisis café" })
        {
            var id = Guid.NewGuid();
            await grains.GetGrain<IProjectGrain>(id).Create(admin, people.OrganisationId, network, name, null);
            await grains.GetGrain<IProjectGrain>(id).Enrol(admin, people.Contributor, ProjectRole.Contributor);
            projects.Add(id);
        }

        return (network, projects[0], projects[1]);
    }

    private static void AssertMeasure(JsonElement report, string key, decimal total, int count, decimal? value, params (string Period, decimal Total, int Count)[] months)
    {
        var measure = report.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("measures").EnumerateArray())
            .Single(m => m.GetProperty("key").GetString() == key);
        Assert.Equal((total, count), (measure.GetProperty("total").GetDecimal(), measure.GetProperty("count").GetInt32()));
        Assert.Equal(value, measure.GetProperty("value").ValueKind == JsonValueKind.Null ? null : measure.GetProperty("value").GetDecimal());
        Assert.Equal<(string, decimal, int)>(months, [.. measure.GetProperty("byMonth").EnumerateArray().Select(p => (p.GetProperty("period").GetString()!, p.GetProperty("total").GetDecimal(), p.GetProperty("count").GetInt32()))]);
    }
}

public sealed class SqlitePaymentTimelinessReportTests(SqliteDatabase database) : PaymentTimelinessReportTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPaymentTimelinessReportTests(PostgresDatabase database) : PaymentTimelinessReportTests(database), IClassFixture<PostgresDatabase>;
