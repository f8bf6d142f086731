using System.Data.Common;
using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>Hostile claims and decisions: each is a 4xx with a clear message, and the ledger gets nothing.</summary>
public abstract class PaymentRefusalTests(GatewayDatabase database)
{
    [Fact]
    public async Task BadClaimsAreRefusedWithAClearMessageAndNoLedgerEntry()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "Accept");
        var contributor = app.CreateClient(people.Contributor);
        var url = $"/api/projects/{world.ProjectId}/claims";
        var before = await world.LedgerCount();

        var cases = new (string What, object Body, string Field)[]
        {
            ("zero hours", PaymentsWorld.Meeting(0), "quantity"),
            ("negative hours", PaymentsWorld.Meeting(-2), "quantity"),
            ("negative expense", PaymentsWorld.Meeting(1, travel: -5m), "expenses[0].amount"),
            ("zero expense", PaymentsWorld.Meeting(1, travel: 0m), "expenses[0].amount"),
            ("wrong currency", PaymentsWorld.Meeting(1, currency: "EUR"), "currency"),
            ("not a currency", PaymentsWorld.Meeting(1, currency: "pounds"), "currency"),
            ("over the travel cap", PaymentsWorld.Meeting(1, travel: 30.01m), "expenses"),
            ("three decimal places", PaymentsWorld.Meeting(1, travel: 1.001m), "expenses[0].amount"),
            ("no rate for the activity", new Dictionary<string, object?>(PaymentsWorld.Meeting(1)) { ["activity"] = "Gardening" }, "role"),
            ("time in advance", new Dictionary<string, object?>(PaymentsWorld.Meeting(1)) { ["inAdvance"] = true }, "activityDate"),
            ("a category outside the policy", new Dictionary<string, object?>
            {
                ["activityDate"] = PaymentsWorld.Yesterday().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["currency"] = "GBP",
                ["expenses"] = new[] { new { category = "Childcare", amount = 12m, description = "Childminder" } },
            }, "expenses[0].category"),
            ("travel without its receipt", new Dictionary<string, object?>
            {
                ["activityDate"] = PaymentsWorld.Yesterday().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["currency"] = "GBP",
                ["expenses"] = new[] { new { category = "Travel", amount = 12m, description = "Taxi" } },
            }, "expenses[0].receipt"),
            ("for someone who is not a contributor here", new Dictionary<string, object?>(PaymentsWorld.Meeting(1)) { ["personId"] = people.Observer }, "personId"),
        };
        foreach (var (what, body, field) in cases)
        {
            var caller = what.StartsWith("for someone", StringComparison.Ordinal) ? app.CreateClient(people.Lead) : contributor;
            var response = await caller.PostJson(url, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
            var problem = await response.Json();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{what}: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }

        // A contributor of another project, and a stranger, cannot claim on this one: it does not exist for them.
        var outsider = Guid.NewGuid();
        await app.CreateClient(outsider).PostJson(url, PaymentsWorld.Meeting(1)).Expect(HttpStatusCode.NotFound);
        var otherProject = await people.NewProject("Another project");
        await app.CreateClient(people.Contributor).PostJson(url.Replace(world.ProjectId.ToString(), otherProject.ToString(), StringComparison.Ordinal), PaymentsWorld.Meeting(1))
            .Expect(HttpStatusCode.Created);
        await app.CreateClient(people.Observer).PostJson(url, PaymentsWorld.Meeting(1)).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(before, await world.LedgerCount());
        var mine = await (await contributor.GetAsync("/api/me/claims").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task FinanceStaffOfAnotherOrganisationCannotApproveRejectOrPay()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var foreignFinance = Guid.NewGuid();
        await Scenario.AddStaff(app.CreateClient(people.ForeignStaff), people.ForeignOrganisationId, foreignFinance, "Finance");
        await world.Choose(people.Contributor, "Accept");
        var id = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, travel: 3m)));

        foreach (var outsider in new[] { foreignFinance, people.ForeignStaff })
        {
            var client = app.CreateClient(outsider);
            var refused = await client.PostJson($"/api/claims/{id}/approve", new { }).Expect(HttpStatusCode.NotFound);
            Assert.Equal("The claim was not found.", (await refused.Json()).GetProperty("detail").GetString());
            await client.PostJson($"/api/claims/{id}/reject", new { reason = "no" }).Expect(HttpStatusCode.NotFound);
            await client.PostJson($"{world.PayerUrl}/runs", new { }).Expect(HttpStatusCode.NotFound);
            await client.PutJson($"{world.PayerUrl}/policy", PaymentsWorld.Policy()).Expect(HttpStatusCode.NotFound);
            await client.GetAsync($"{world.PayerUrl}/ledger").Expect(HttpStatusCode.NotFound);
        }

        // Their own organisation's run never touches another organisation's claims.
        await world.SetPolicy($"/api/payments/Organisation/{people.ForeignOrganisationId}", foreignFinance);
        var run = await world.PayOut($"/api/payments/Organisation/{people.ForeignOrganisationId}", foreignFinance);
        Assert.Equal(0, run.GetProperty("claimsPaid").GetInt32());
        Assert.Equal(0, await world.LedgerCount($"claim_id = '{id:D}'"));
        Assert.Equal("Submitted", (await world.Get(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheDatabaseRefusesEditsDeletesAndASecondPayoutOfAClaim()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "Accept");
        var id = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1)));
        await world.Approve(id);
        await world.PayOut();
        var payouts = $"kind = 'Payout' AND claim_id = '{id:D}'";
        Assert.Equal(1, await world.LedgerCount(payouts));

        await Assert.ThrowsAnyAsync<DbException>(() => Execute(world, $"UPDATE cp_pay_ledger SET amount_minor = 1 WHERE claim_id = '{id:D}'"));
        await Assert.ThrowsAnyAsync<DbException>(() => Execute(world, $"DELETE FROM cp_pay_ledger WHERE claim_id = '{id:D}'"));

        // Another payout row for the same claim line, even under a fresh idempotency key, breaks the unique index.
        var second = $"""
            INSERT INTO cp_pay_ledger (idempotency_key, kind, claim_id, line, payer_kind, payer_id, debit_account, credit_account, amount_minor, currency, recorded_ms)
            VALUES ('sneaky-{Guid.NewGuid():N}', 'Payout', '{id:D}', 'Fee', 'Organisation', '{people.OrganisationId:D}', 'a', 'b', 2500, 'GBP', 0)
            """;
        await Assert.ThrowsAnyAsync<DbException>(() => Execute(world, second));
        Assert.Equal(1, await world.LedgerCount(payouts));

        // A correction is a reversal entry, once.
        var finance = app.CreateClient(people.Finance);
        var ledger = await (await finance.GetAsync($"{world.PayerUrl}/ledger?limit=200").Expect(HttpStatusCode.OK)).Json();
        var payout = ledger.GetProperty("items").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "Payout" && e.GetProperty("claimId").GetGuid() == id);
        var entry = payout.GetProperty("id").GetInt64();
        await finance.PostJson($"{world.PayerUrl}/ledger/{entry}/reverse", new { reason = "" }).Expect(HttpStatusCode.BadRequest);
        var reversal = await (await finance.PostJson($"{world.PayerUrl}/ledger/{entry}/reverse", new { reason = "Bank returned it" }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(entry, reversal.GetProperty("reverses").GetInt64());
        Assert.Equal(payout.GetProperty("debitAccount").GetString(), reversal.GetProperty("creditAccount").GetString());
        await finance.PostJson($"{world.PayerUrl}/ledger/{entry}/reverse", new { reason = "again" }).Expect(HttpStatusCode.Conflict);
        await app.CreateClient(people.Contributor).PostJson($"{world.PayerUrl}/ledger/{entry}/reverse", new { reason = "mine" }).Expect(HttpStatusCode.NotFound);
    }

    private static async Task Execute(PaymentsWorld world, string sql)
    {
        await using var connection = await world.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    internal static JsonElement Items(JsonElement page) => page.GetProperty("items");
}

public sealed class SqlitePaymentRefusalTests(SqliteGateway database) : PaymentRefusalTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresPaymentRefusalTests(PostgresGateway database) : PaymentRefusalTests(database), IClassFixture<PostgresGateway>;
