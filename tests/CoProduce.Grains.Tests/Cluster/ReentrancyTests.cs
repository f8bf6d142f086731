using CoProduce.Grains.Common;
using CoProduce.Grains.Recognition;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// The grains that call each other both ways: a project's recognition asks each participant's recognition for their
/// consent (<see cref="IProjectRecognitionGrain.Credits"/> → <see cref="IRecognitionGrain.ConsentFor"/>) while a
/// participant's recognition asks the project's for the sessions they attended (<see cref="IRecognitionGrain.Mine"/>
/// → <see cref="IProjectRecognitionGrain.AttendedBy"/>). Each waits on the other at once: A → B → A. The callees are
/// declared [AlwaysInterleave] so this cannot deadlock; under load from both silos, with writes among the reads,
/// every call completes well within Orleans' call timeout.
/// </summary>
[Collection(SqliteDomainClusterCollection.Name)]
public sealed class ReentrancyTests(SqliteDomainCluster cluster)
{
    private const int People = 6;
    private const int Rounds = 4;

    /// <summary>Far below Orleans' 30 s call timeout: a deadlock shows as this, not as a slow pass.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CallsBetweenAProjectsRecognitionAndItsPeoplesBothWaysAtOnceAllComplete()
    {
        var silos = cluster.Silos;
        var project = await TestProject.Create(silos);
        var people = await project.AddContributors(silos, People);
        foreach (var person in people)
        {
            await silos[1].GetGrain<IRecognitionGrain>(person).Consent(new Actor(person), project.ProjectId, $"Contributor {person:N}", credits: true, certificate: true);
        }

        var calls = new List<Task>();
        for (var round = 0; round < Rounds; round++)
        {
            var session = new SessionSpec($"Session {round}", DateOnly.FromDateTime(DateTime.UtcNow), 2m, people);
            var recorder = silos[round % 2].GetGrain<IProjectRecognitionGrain>(project.ProjectId);
            calls.Add(Task.Run(() => recorder.RecordSession(project.AsFacilitator, session)));
            for (var i = 0; i < People; i++)
            {
                var (person, here, there) = (people[i], silos[(round + i) % 2], silos[(round + i + 1) % 2]);
                calls.Add(Task.Run(() => here.GetGrain<IRecognitionGrain>(person).Mine(new Actor(person))));
                calls.Add(Task.Run(() => there.GetGrain<IProjectRecognitionGrain>(project.ProjectId).Credits(new Actor(person))));
            }
        }

        await Task.WhenAll(calls).WaitAsync(Within);

        var credits = await cluster.Client.GetGrain<IProjectRecognitionGrain>(project.ProjectId).Credits(project.AsFacilitator);
        Assert.Equal(people.Select(p => $"Contributor {p:N}").Order(StringComparer.OrdinalIgnoreCase), credits.Credits.Select(c => c.Name));
        foreach (var person in people)
        {
            var record = await cluster.Client.GetGrain<IRecognitionGrain>(person).Mine(new Actor(person));
            Assert.Equal(Rounds, Assert.Single(record.Projects, p => p.ProjectId == project.ProjectId).Sessions.Count);
        }
    }
}
