using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Live;
using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// A lived-experience quorum of 1 never tells whether a voter has lived experience: not by flipping while a named
/// decision is open (in the view or the session's live tally), and not at close when the count is too small to show
/// (the view, the close pushed to the session, the report's row and its quorum-met share, JSON and CSV).
/// </summary>
public abstract class LivedExperienceQuorumTests(ITestDatabase database)
{
    [Fact]
    public async Task AQuorumOfOneNeverTellsWhetherAVoterHasLivedExperienceInTheViewTheSessionOrTheReport()
    {
        await using var world = await LiveWorld.Create(database);
        var decisions = new DecisionProject(world.People);
        var decision = await decisions.Decide("ChooseOne", ["Library", "Community centre"], extra: new { minimumWithLivedExperience = 1 });
        var id = DecisionProject.Id(decision);
        var library = DecisionProject.Option(decision, 0);
        var observer = world.People.Observer;
        var watcher = world.Log(await world.Join(observer));

        // Someone without lived experience votes, then Ada, who has it: the quorum reads the same before and after her.
        await decisions.Vote(decision, world.People.SecondContributor, new { choice = library }).Expect(HttpStatusCode.OK);
        var before = (await decisions.Read(decision, observer)).GetProperty("results");
        await decisions.Vote(decision, world.People.Contributor, new { choice = library }).Expect(HttpStatusCode.OK);
        var after = (await decisions.Read(decision, observer)).GetProperty("results");
        foreach (var open in new[] { before, after })
        {
            Assert.Equal(JsonValueKind.Null, open.GetProperty("quorumMet").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(open.GetProperty("quorumWithheld").GetString()));
        }

        await watcher.Next<TallyChanged>(t => t.DecisionId == id && t.Voters == 2);
        var tallies = watcher.All<TallyChanged>().Where(t => t.DecisionId == id).ToList();
        Assert.All(tallies, t => Assert.Null(Assert.IsType<LiveTally>(t.Tally).QuorumMet));

        // Closed with 1 of 2: the count is not shown, and neither is whether the quorum was met.
        await decisions.Close(decision).Expect(HttpStatusCode.OK);
        var closed = await watcher.Next<DecisionClosed>(c => c.DecisionId == id);
        Assert.Equal(2, closed.Voters);
        Assert.Null(closed.Results.QuorumMet);
        var results = (await decisions.Read(decision, observer)).GetProperty("results");
        Assert.Equal(JsonValueKind.Null, results.GetProperty("quorumMet").ValueKind);
        Assert.Equal(JsonValueKind.Null, results.GetProperty("votersWithLivedExperience").ValueKind);

        var report = await (await world.People.As(observer).GetAsync($"/api/projects/{world.ProjectId}/power-balance").Expect(HttpStatusCode.OK)).Json();
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "decisions");
        var columns = section.GetProperty("details").GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        var row = Assert.Single(section.GetProperty("details").GetProperty("rows").EnumerateArray());
        Assert.Equal(("1", "withheld"), (row[columns.IndexOf("lived-experience quorum")].GetString(), row[columns.IndexOf("quorum met")].GetString()));
        var met = section.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "decisions.quorum-met");
        Assert.Equal(0, met.GetProperty("count").GetInt32());

        var csv = await (await world.People.As(observer).GetAsync($"/api/projects/{world.ProjectId}/power-balance.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.EndsWith(",Share,all,0,0,,", csv.Split("\r\n").Single(l => l.Contains(",decisions.quorum-met,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}

public sealed class SqliteLivedExperienceQuorumTests(SqliteDatabase database) : LivedExperienceQuorumTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLivedExperienceQuorumTests(PostgresDatabase database) : LivedExperienceQuorumTests(database), IClassFixture<PostgresDatabase>;
