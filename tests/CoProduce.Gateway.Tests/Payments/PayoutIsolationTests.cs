using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// Two gateways in one process (tests, or a host restarted in place) each have their own Hangfire storage, client
/// and server (none of Hangfire's process-wide defaults); one that stops must not stop the other's payout runs.
/// </summary>
public abstract class PayoutIsolationTests(ITestDatabase database)
{
    [Fact]
    public async Task APayoutRunStillRunsAfterAnotherGatewayInTheProcessHasStopped()
    {
        await using var app = new GatewayApplication(database, settings: ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        await world.Choose(world.People.Contributor, "Accept");
        var claim = PaymentsWorld.Id(await world.Claim(world.People.Contributor, PaymentsWorld.Meeting(1)));
        await world.Approve(claim);

        // Another gateway starts (on its own SQLite folder) and stops again.
        await using (var other = new GatewayApplication(settings: ClaimsApiTests.Settings()))
        {
            await PaymentsWorld.CreateAsync(other);
        }

        var run = await world.PayOut();
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("claimsPaid").GetInt32());
    }
}

public sealed class SqlitePayoutIsolationTests(SqliteDatabase database) : PayoutIsolationTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPayoutIsolationTests(PostgresDatabase database) : PayoutIsolationTests(database), IClassFixture<PostgresDatabase>;
