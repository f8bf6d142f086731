using System.Net;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// The scheduled payout starts one run per payer with claims due, so each payer's finance staff see (and could retry)
/// the run that holds their claims, and each payer's bank file holds only its own payments.
/// </summary>
public abstract class PayoutScheduleTests(ITestDatabase database)
{
    [Fact]
    public async Task AScheduledPayoutIsARunOfThePayerThatItsFinanceStaffSee()
    {
        using var exports = new ExportFolder();
        var settings = PayoutHandoverTests.Settings(exports.Path, retry: "00:00:00.200");
        settings["CoProduce:Payments:Schedule"] = "0/1 * * * * ?";
        await using var app = new GatewayApplication(database, settings: settings);
        var world = await PaymentsWorld.CreateAsync(app);
        await world.Choose(world.People.Contributor, "Accept");
        var claim = PaymentsWorld.Id(await world.Claim(world.People.Contributor, PaymentsWorld.Meeting(2)));
        await world.Approve(claim);

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while ((await world.Get(claim)).GetProperty("status").GetString() != "Paid")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The scheduled payout never paid the claim.");
            await Task.Delay(50);
        }

        var runs = await (await app.CreateClient(world.People.Finance).GetAsync($"{world.PayerUrl}/runs").Expect(HttpStatusCode.OK)).Json();
        var scheduled = runs.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("trigger").GetString()!.StartsWith("schedule", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scheduled);
        Assert.Equal(1, scheduled.Sum(r => r.GetProperty("claimsPaid").GetInt32()));
        Assert.All(scheduled, r => Assert.Equal(world.People.OrganisationId, r.GetProperty("payer").GetProperty("id").GetGuid()));
        exports.AssertEachClaimInExactlyOneFile(world, [claim]);
    }
}

public sealed class SqlitePayoutScheduleTests(SqliteDatabase database) : PayoutScheduleTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPayoutScheduleTests(PostgresDatabase database) : PayoutScheduleTests(database), IClassFixture<PostgresDatabase>;
