using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// Version-checked edits sent at once from both silos, each expecting the same version (one If-Match): exactly one
/// wins, every other caller is told its copy is stale (the refusal the gateway answers with 412), and nothing the
/// winner or a later retry wrote is lost. Both a reentrant grain (the agenda) and one that takes strict turns (a person).
/// </summary>
public abstract class TurnTakingTests(DomainCluster cluster)
{
    private const int EditorsPerSilo = 20;

    [Fact]
    public async Task OfConcurrentEditsOfOneAgendaItemAtOneVersionExactlyOneWinsAndRetriesLoseNothing()
    {
        var silos = cluster.Silos;
        var project = await TestProject.Create(silos, staff: 2 * EditorsPerSilo);
        var editors = project.Staff;
        var item = await silos[0].GetGrain<IAgendaGrain>(project.ProjectId)
            .Propose(project.AsFacilitator, "Transport to the day centre", null, null);
        var edits = editors.Select((person, i) => (Actor: new Actor(person), Title: $"Transport, edit {i}", Silo: silos[i % 2])).ToList();

        var first = await Task.WhenAll(edits.Select(e => Outcome(() =>
            e.Silo.GetGrain<IAgendaGrain>(project.ProjectId).Edit(e.Actor, item.Id, e.Title, null, null, item.Version))));

        var won = Assert.Single(first, o => o.Edited is not null).Edited!;
        Assert.Equal(item.Version + 1, won.Version);
        Assert.All(first.Where(o => o.Edited is null), o => Assert.Equal(DomainErrorKind.PreconditionFailed, o.Refused!.Kind));
        var stored = await cluster.Client.GetGrain<IAgendaGrain>(project.ProjectId).GetItem(project.AsFacilitator, item.Id);
        Assert.Equal((won.Title, won.Version), (stored.Title, stored.Version));

        // Each refused editor reloads and tries again, as a client does after 412, until its edit lands on a fresh copy.
        var losers = edits.Where(e => e.Title != won.Title).ToList();
        await Task.WhenAll(losers.Select(e => Task.Run(async () =>
        {
            var agenda = e.Silo.GetGrain<IAgendaGrain>(project.ProjectId);
            while (true)
            {
                var current = await agenda.GetItem(e.Actor, item.Id);
                var outcome = await Outcome(() => agenda.Edit(e.Actor, item.Id, e.Title, null, null, current.Version));
                if (outcome.Edited is not null)
                {
                    return;
                }

                Assert.Equal(DomainErrorKind.PreconditionFailed, outcome.Refused!.Kind);
            }
        })));

        // Every edit is in the journal once, each on the version after the one before: none overwrote another.
        var journalled = (await cluster.JournalOf("agenda", project.ProjectId))
            .Where(e => e.Is(nameof(ItemEdited)))
            .Select(e => e.Member("item"))
            .Select(i => (Title: i.GetProperty("title").GetString(), Version: i.GetProperty("version").GetInt64()))
            .ToList();
        Assert.Equal(Enumerable.Range(2, edits.Count).Select(v => (long)v), journalled.Select(j => j.Version));
        Assert.Equal(edits.Select(e => e.Title).Order(), journalled.Select(j => j.Title).Order());
        var last = await cluster.Client.GetGrain<IAgendaGrain>(project.ProjectId).GetItem(project.AsFacilitator, item.Id);
        Assert.Equal((journalled[^1].Title, journalled[^1].Version), (last.Title, last.Version));
    }

    [Fact]
    public async Task OfConcurrentSavesOfOneProfileAtOneVersionExactlyOneWins()
    {
        var silos = cluster.Silos;
        var person = new Actor(Guid.NewGuid());
        var saved = await silos[0].GetGrain<IPersonGrain>(person.PersonId).SaveProfile(person, new PersonProfile { Name = "Alex" }, null);
        var names = Enumerable.Range(0, 2 * EditorsPerSilo).Select(i => $"Alex {i}").ToList();

        var outcomes = await Task.WhenAll(names.Select((name, i) => Outcome(() =>
            silos[i % 2].GetGrain<IPersonGrain>(person.PersonId).SaveProfile(person, new PersonProfile { Name = name }, saved.Version))));

        var won = Assert.Single(outcomes, o => o.Edited is not null).Edited!;
        Assert.All(outcomes.Where(o => o.Edited is null), o => Assert.Equal(DomainErrorKind.PreconditionFailed, o.Refused!.Kind));
        var stored = await cluster.Client.GetGrain<IPersonGrain>(person.PersonId).GetOwn(person);
        Assert.Equal((won.Value.Profile.Name, saved.Version + 1), (stored.Value.Profile.Name, stored.Version));
        Assert.Equal(2, (await cluster.JournalOf("person", person.PersonId)).Count(e => e.Is("ProfileSaved")));
    }

    /// <summary>What one call came to: its result, or the domain's refusal (any other failure fails the test).</summary>
    private static async Task<(T? Edited, DomainException? Refused)> Outcome<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return (await Task.Run(call), null);
        }
        catch (DomainException refused)
        {
            return (null, refused);
        }
    }
}

[Collection(SqliteDomainClusterCollection.Name)]
public sealed class SqliteTurnTakingTests(SqliteDomainCluster cluster) : TurnTakingTests(cluster);

[Collection(PostgresDomainClusterCollection.Name)]
public sealed class PostgresTurnTakingTests(PostgresDomainCluster cluster) : TurnTakingTests(cluster);
