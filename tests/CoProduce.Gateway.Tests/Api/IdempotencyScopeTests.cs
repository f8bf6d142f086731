using System.Net;
using CoProduce.Gateway.Tests.Payments;

namespace CoProduce.Gateway.Tests.Api;

/// <summary>
/// Issue 14, section 2: an Idempotency-Key belongs to the signed-in person and to the person they act for, and
/// payout runs honour it (a retried start answers the run it started instead of starting a second).
/// </summary>
public abstract class IdempotencyScopeTests(GatewayDatabase database)
{
    [Fact]
    public async Task StartingAPayoutRunTwiceWithOneKeyStartsOneRun()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var finance = app.CreateClient(world.People.Finance);
        finance.DefaultRequestHeaders.Add("Idempotency-Key", $"run-{Guid.NewGuid():N}");

        var first = await (await finance.PostJson($"{world.PayerUrl}/runs", new { }).Expect(HttpStatusCode.Accepted)).Json();
        var second = await (await finance.PostJson($"{world.PayerUrl}/runs", new { }).Expect(HttpStatusCode.Accepted)).Json();

        Assert.Equal(PaymentsWorld.Id(first), PaymentsWorld.Id(second));
        var runs = await (await finance.GetAsync($"{world.PayerUrl}/runs").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, runs.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AKeyASupporterUsedWithOnePersonNeverAnswersForAnother()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var (supporter, other) = (Guid.NewGuid(), Guid.NewGuid());
        await people.SetParticipant(world.ProjectId, other, "Contributor");
        await people.LinkSupporter(people.Contributor, supporter);
        await people.LinkSupporter(other, supporter);
        var key = $"claim-{Guid.NewGuid():N}";
        var body = PaymentsWorld.Meeting(1);

        var withContributor = people.ActingWith(supporter, people.Contributor);
        withContributor.DefaultRequestHeaders.Add("Idempotency-Key", key);
        var first = await (await withContributor.PostJson($"/api/projects/{world.ProjectId}/claims", body).Expect(HttpStatusCode.Created)).Json();
        var withOther = people.ActingWith(supporter, other);
        withOther.DefaultRequestHeaders.Add("Idempotency-Key", key);
        var second = await (await withOther.PostJson($"/api/projects/{world.ProjectId}/claims", body).Expect(HttpStatusCode.Created)).Json();

        Assert.NotEqual(PaymentsWorld.Id(first), PaymentsWorld.Id(second));
        Assert.Equal(people.Contributor, first.GetProperty("personId").GetGuid());
        Assert.Equal(other, second.GetProperty("personId").GetGuid());

        // The same key, acting with the first person again, is a retry of the first request.
        var replay = await (await withContributor.PostJson($"/api/projects/{world.ProjectId}/claims", body).Expect(HttpStatusCode.Created)).Json();
        Assert.Equal(PaymentsWorld.Id(first), PaymentsWorld.Id(replay));
    }
}

public sealed class SqliteIdempotencyScopeTests(SqliteGateway database) : IdempotencyScopeTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresIdempotencyScopeTests(PostgresGateway database) : IdempotencyScopeTests(database), IClassFixture<PostgresGateway>;
