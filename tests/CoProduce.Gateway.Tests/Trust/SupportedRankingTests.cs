using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>A person's own view of their ranking names the supporter who entered it with them, as the journal does.</summary>
public abstract class SupportedRankingTests(GatewayDatabase database)
{
    [Fact]
    public async Task TheRankingASupporterEnteredForSomeoneNamesTheSupporterUntilThePersonEntersTheirOwn()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var items = await project.ProposeItems("Item A", "Item B");
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        var mine = $"{project.Url}/ranking/mine";

        var entered = await (await project.AsSupporterOf(project.Contributor)
            .PutJson($"{mine}/dots", new { dots = new Dictionary<Guid, int> { [items[0]] = 3 } }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(project.Supporter, entered.GetProperty("supportedBy").GetGuid());
        foreach (var reader in new[] { project.As(project.Contributor), project.AsSupporterOf(project.Contributor) })
        {
            var seen = await (await reader.GetAsync(mine).Expect(HttpStatusCode.OK)).Json();
            Assert.Equal(project.Supporter, seen.GetProperty("supportedBy").GetGuid());
            Assert.Equal(3, seen.GetProperty("dots").GetProperty(items[0].ToString()).GetInt32());
        }

        // The same dots placed by the person herself are hers: the supporter is no longer named.
        await project.PlaceDots(project.Contributor, (items[0], 3)).Expect(HttpStatusCode.OK);
        var own = await (await project.As(project.Contributor).GetAsync(mine).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(JsonValueKind.Null, own.GetProperty("supportedBy").ValueKind);

        // Someone who entered their own never sees a supporter named.
        await project.PlaceDots(project.SecondContributor, (items[1], 1)).Expect(HttpStatusCode.OK);
        var other = await (await project.As(project.SecondContributor).GetAsync(mine).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(JsonValueKind.Null, other.GetProperty("supportedBy").ValueKind);
    }
}

public sealed class SqliteSupportedRankingTests(SqliteGateway database) : SupportedRankingTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresSupportedRankingTests(PostgresGateway database) : SupportedRankingTests(database), IClassFixture<PostgresGateway>;
