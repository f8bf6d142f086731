using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Recognition;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// A supporter acting with someone only proposes a change to their recognition consents (202): the person is named in
/// no credits and has no certificate until she confirms it herself, and the consent then names the supporter; a
/// withdrawal proposed by the supporter leaves her credited until she confirms it, and she may reject it.
/// </summary>
public abstract class SupporterRecognitionTests(GatewayDatabase database)
{
    [Fact]
    public async Task ASupportersRecognitionChangeWaitsForThePersonAndNamesTheSupporter()
    {
        var app = database.Shared;
        var world = await RecognitionProject.Create(app);
        var people = world.People;
        var supporter = people.AsSupporterOf(people.Contributor);
        var mine = $"/api/me/recognition/{world.ProjectId}";

        var proposed = await (await supporter.PutJson(mine, new { name = "Ada L.", credits = true, certificate = true }).Expect(HttpStatusCode.Accepted)).Json();
        var pending = Assert.Single(proposed.GetProperty("pending").EnumerateArray());
        Assert.Equal(people.Supporter, pending.GetProperty("proposedBy").GetGuid());
        Assert.Empty(proposed.GetProperty("consents").EnumerateArray());
        Assert.DoesNotContain("Ada L.", await world.CreditNames());
        await app.CreateClient(people.Facilitator).GetAsync(world.Certificate(people.Contributor)).Expect(HttpStatusCode.NotFound);

        // Only the person confirms; the supporter cannot.
        var change = pending.GetProperty("id").GetGuid();
        await supporter.PostAsync($"/api/me/recognition/pending/{change}/confirm", null).Expect(HttpStatusCode.Forbidden);
        var confirmed = await (await people.As(people.Contributor).PostAsync($"/api/me/recognition/pending/{change}/confirm", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Empty(confirmed.GetProperty("pending").EnumerateArray());
        Assert.Equal(people.Supporter, Assert.Single(confirmed.GetProperty("consents").EnumerateArray()).GetProperty("supportedBy").GetGuid());
        Assert.Contains("Ada L.", await world.CreditNames());

        // A withdrawal the supporter proposes changes nothing until the person decides; she rejects it.
        var withdrawal = await (await supporter.DeleteAsync(mine).Expect(HttpStatusCode.Accepted)).Json();
        var proposal = Assert.Single(withdrawal.GetProperty("pending").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, proposal.GetProperty("consent").ValueKind);
        Assert.Contains("Ada L.", await world.CreditNames());
        await people.As(people.Contributor).PostAsync($"/api/me/recognition/pending/{proposal.GetProperty("id").GetGuid()}/reject", null).Expect(HttpStatusCode.OK);
        Assert.Contains("Ada L.", await world.CreditNames());

        // Her own change applies at once (200), as before.
        await world.Withdraw(people.Contributor).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain("Ada L.", await world.CreditNames());
    }
}

public sealed class SqliteSupporterRecognitionTests(SqliteGateway database) : SupporterRecognitionTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresSupporterRecognitionTests(PostgresGateway database) : SupporterRecognitionTests(database), IClassFixture<PostgresGateway>;
