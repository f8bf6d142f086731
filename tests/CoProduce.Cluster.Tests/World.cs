namespace CoProduce.Cluster.Tests;

/// <summary>A project with its decision (Consent) and agenda (a dot vote) open, and its people.</summary>
public sealed record Project(Guid Id, Guid DecisionId, IReadOnlyList<Guid> Items);

/// <summary>
/// What the test sets up before any fault, through the first gateway: an organisation, projects with
/// their participants, one agenda item proposed by each participant, a decision and an open dot vote.
/// </summary>
public sealed class World(Api api, Cluster cluster)
{
    public const int DotsPerPerson = 3;

    private readonly Guid _admin = Guid.NewGuid();

    public string AdminToken => cluster.Tokens.Issue(_admin, TimeSpan.FromHours(2));

    public List<Project> Projects { get; } = [];

    public List<Participant> Participants { get; } = [];

    public async Task SetUpAsync(int projects, int participantsPerProject, Func<int, Guid, string, Participant> participant)
    {
        var admin = AdminToken;
        var organisation = Id(await api.RequireAsync(0, admin, HttpMethod.Post, "/api/organisations",
            new { name = "Cluster Council", kind = "LocalAuthority", displayName = "Facilitator" }));
        for (var p = 0; p < projects; p++)
        {
            var project = Id(await api.RequireAsync(0, admin, HttpMethod.Post, "/api/projects",
                new { organisationId = organisation, name = $"Cluster project {p}", summary = "Fault test" }));
            var people = Enumerable.Range(0, participantsPerProject).Select(_ => Guid.NewGuid()).ToList();
            // Each person is asked and joins by accepting, as the product requires.
            await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (person, _) =>
            {
                await api.RequireAsync(0, admin, HttpMethod.Put, $"/api/projects/{project}/participants/{person}", new { role = "Contributor" });
                await api.RequireAsync(0, cluster.Tokens.Issue(person, TimeSpan.FromHours(2)), HttpMethod.Post, $"/api/me/participation-requests/{project}/accept", new { });
            });

            var items = new System.Text.Json.JsonElement[people.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
                items[i] = await api.RequireAsync(0, cluster.Tokens.Issue(people[i], TimeSpan.FromHours(2)), HttpMethod.Post,
                    $"/api/projects/{project}/agenda/items", new { title = $"Item of participant {i}", description = "first draft" }));

            var decision = Id(await api.RequireAsync(0, admin, HttpMethod.Post, $"/api/projects/{project}/decisions",
                new { title = "Meet monthly", method = "Consent", closesAt = DateTimeOffset.UtcNow.AddHours(2) }));
            await api.RequireAsync(0, admin, HttpMethod.Post, $"/api/projects/{project}/agenda/ranking",
                new { method = "DotVote", dotsPerPerson = DotsPerPerson });
            var created = new Project(project, decision, [.. items.Select(Id)]);
            Projects.Add(created);
            for (var i = 0; i < people.Count; i++)
            {
                var number = Participants.Count;
                var mine = participant(number, people[i], cluster.Tokens.Issue(people[i], TimeSpan.FromHours(2)));
                mine.Join(created, Id(items[i]), $"\"{items[i].GetProperty("version").GetInt64()}\"");
                Participants.Add(mine);
            }
        }
    }

    private static Guid Id(System.Text.Json.JsonElement body) => body.GetProperty("id").GetGuid();
}
