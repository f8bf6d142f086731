using CoProduce.Grains.Live;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// Who is present is read in pages: a join's answer lists only the first people, however big the room, and
/// the rest come from the hub's <c>Presence</c> pages, in order, each person once.
/// </summary>
public abstract class LivePresencePagesTests(ITestDatabase database)
{
    private const int Others = 60;

    [Fact]
    public async Task AJoinListsTheFirstPageAndThePagesListEveryoneOnceInOrder()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var others = await SeatOthers(world);
        var contributor = await world.Join(world.People.Contributor);

        var snapshot = contributor.Joined!.Snapshot;
        var everyone = others.Keys.Append(world.People.Facilitator).Append(world.People.Contributor).Order().ToList();
        Assert.Equal(everyone.Count, snapshot.PresentCount);
        Assert.Equal(everyone.Take(PresencePage.FirstPage), snapshot.Present.Select(p => p.PersonId));
        Assert.Equal(everyone[PresencePage.FirstPage - 1], snapshot.PresentNext);

        var pages = new List<PresencePage>();
        Guid? after = null;
        do
        {
            var page = await contributor.Hub.Presence(new PresenceRequest(world.ProjectId, after, Limit: 7));
            Assert.Equal(everyone.Count, page.Total);
            Assert.InRange(page.People.Count, 1, 7);
            pages.Add(page);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(everyone, pages.SelectMany(p => p.People).Select(p => p.PersonId));
        Assert.Equal((everyone.Count + 6) / 7, pages.Count);
        var (_, all) = await facilitator.EveryonePresentAsync();
        Assert.Equal(everyone, all.Select(p => p.PersonId));
    }

    [Fact]
    public async Task PagesFollowPeopleWhoLeaveAndShowAccessNeedsOnlyToFacilitators()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var contributor = await world.Join(world.People.Contributor);
        var others = await SeatOthers(world);
        var first = await contributor.Hub.Presence(new PresenceRequest(world.ProjectId, Limit: 10));

        // Someone on the next page leaves between two reads: the next page starts after the cursor all the same.
        var leaving = others.Keys.Where(id => id.CompareTo(first.Next!.Value) > 0).Order().First();
        await world.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectLiveGrain>(world.ProjectId).Depart(others[leaving], leaving);
        var second = await contributor.Hub.Presence(new PresenceRequest(world.ProjectId, first.Next, Limit: 10));
        Assert.DoesNotContain(second.People, p => p.PersonId == leaving);
        Assert.All(second.People, p => Assert.True(p.PersonId.CompareTo(first.Next!.Value) > 0));
        Assert.True(second.Sequence > first.Sequence);
        Assert.Equal(first.Total - 1, second.Total);

        var (_, seenByContributor) = await contributor.EveryonePresentAsync(limit: PresencePage.MaxLimit);
        var (_, seenByFacilitator) = await facilitator.EveryonePresentAsync(limit: PresencePage.MaxLimit);
        Assert.All(seenByContributor, p => Assert.Null(p.AccessNeeds));
        Assert.Equal(others.Count - 1, seenByFacilitator.Count(p => p.AccessNeeds is ["Hearing loop"]));
    }

    [Fact]
    public async Task ABadPageRequestIsRefusedForThatCallerOnly()
    {
        await using var world = await LiveWorld.Create(database);
        var contributor = await world.Join(world.People.Contributor);
        var observer = await world.Join(world.People.Observer);

        await LiveAssert.Refused("Invalid", () => contributor.Hub.Presence(new PresenceRequest(world.ProjectId, Limit: 0)));
        await LiveAssert.Refused("Invalid", () => contributor.Hub.Presence(new PresenceRequest(world.ProjectId, Limit: PresencePage.MaxLimit + 1)));
        await LiveAssert.Refused("NotJoined", () => contributor.Hub.Presence(new PresenceRequest(Guid.NewGuid())));
        var stranger = await world.Connect(world.People.Stranger);
        await LiveAssert.Refused("NotJoined", () => stranger.InvokeAsync<PresencePage>("Presence", new PresenceRequest(world.ProjectId)));

        var page = await observer.Hub.Presence(new PresenceRequest(world.ProjectId));
        Assert.Equal(new[] { world.People.Contributor, world.People.Observer }.Order(), page.People.Select(p => p.PersonId));
        Assert.Null(page.Next);
    }

    /// <summary>Seats people on another gateway node straight through the live grain; returns their connection ids.</summary>
    private static async Task<Dictionary<Guid, string>> SeatOthers(LiveWorld world)
    {
        var live = world.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectLiveGrain>(world.ProjectId);
        var seated = new Dictionary<Guid, string>();
        for (var i = 0; i < Others; i++)
        {
            var person = Guid.NewGuid();
            seated[person] = $"other-{i}";
            await live.Arrive("other-node", seated[person], new PresentPerson(person, $"Person {i}", LiveRole.Contributor, null, ["Hearing loop"]), null, null);
        }

        return seated;
    }
}

public sealed class SqliteLivePresencePagesTests(SqliteDatabase database) : LivePresencePagesTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLivePresencePagesTests(PostgresDatabase database) : LivePresencePagesTests(database), IClassFixture<PostgresDatabase>;
