using System.Text.Json;
using Npgsql;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// The final checks, once every participant is done: through the API (each person's own vote, dots and
/// item, and every tally recomputed from the acknowledged writes) and through the journal (each
/// acknowledged vote and edit recorded exactly once, the last of each person's being the last acknowledged).
/// </summary>
public sealed class Verification(Api api, World world, string connectionString)
{
    private readonly List<string> _problems = [];

    public async Task<IReadOnlyList<string>> RunAsync(int gateway)
    {
        await Parallel.ForEachAsync(world.Participants, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, _) => await CheckOwnAsync(gateway, p));
        foreach (var project in world.Projects)
        {
            await CheckTalliesAsync(gateway, project);
        }

        await CheckJournalAsync();
        return _problems;
    }

    private async Task CheckOwnAsync(int gateway, Participant p)
    {
        var ballot = await api.RequireAsync(gateway, p.Token, HttpMethod.Get, $"/api/projects/{p.Project.Id}/decisions/{p.Project.DecisionId}/ballot");
        var (position, reason) = p.Votes[^1];
        Expect(ballot.GetProperty("ballot").GetProperty("reason").GetString() == reason
            && ballot.GetProperty("ballot").GetProperty("position").GetString() == position,
            $"participant {p.Number}: their vote reads {ballot}, last acknowledged {position} '{reason}'");

        var mine = await api.RequireAsync(gateway, p.Token, HttpMethod.Get, $"/api/projects/{p.Project.Id}/agenda/ranking/mine");
        var dots = mine.GetProperty("dots").Deserialize<Dictionary<Guid, int>>(Api.Json)!;
        Expect(SameDots(dots, p.Dots[^1]), $"participant {p.Number}: their dots read {mine}, not the last acknowledged");

        var item = await api.RequireAsync(gateway, p.Token, HttpMethod.Get, $"/api/projects/{p.Project.Id}/agenda/items/{p.Item}");
        Expect(item.GetProperty("description").GetString() == p.Edits[^1],
            $"participant {p.Number}: their item reads '{item.GetProperty("description")}', last acknowledged '{p.Edits[^1]}'");
    }

    private async Task CheckTalliesAsync(int gateway, Project project)
    {
        var people = world.Participants.Where(p => p.Project == project).ToList();
        var decision = await api.RequireAsync(gateway, world.AdminToken, HttpMethod.Get, $"/api/projects/{project.Id}/decisions/{project.DecisionId}");
        var consent = decision.GetProperty("results").GetProperty("consent");
        foreach (var position in new[] { "Agree", "Abstain", "Disagree" })
        {
            var expected = people.Count(p => p.Votes[^1].Position == position);
            var counted = consent.GetProperty(JsonNamingPolicy.CamelCase.ConvertName(position)).GetInt32();
            Expect(counted == expected, $"project {project.Id}: {position} counted {counted}, acknowledged ballots say {expected}");
        }

        Expect(decision.GetProperty("voters").GetInt32() == people.Count, $"project {project.Id}: {decision.GetProperty("voters")} voters, not {people.Count}");

        var agenda = await api.RequireAsync(gateway, world.AdminToken, HttpMethod.Get, $"/api/projects/{project.Id}/agenda");
        var scores = agenda.GetProperty("ranking").EnumerateArray()
            .ToDictionary(r => r.GetProperty("itemId").GetGuid(), r => r.GetProperty("score").GetDecimal());
        foreach (var item in project.Items)
        {
            var expected = people.Sum(p => p.Dots[^1].GetValueOrDefault(item));
            Expect(scores.GetValueOrDefault(item) == expected, $"project {project.Id}: item {item} has {scores.GetValueOrDefault(item)} dots, acknowledged ballots say {expected}");
        }

        Expect(agenda.GetProperty("voters").GetInt32() == people.Count, $"project {project.Id}: {agenda.GetProperty("voters")} dot voters, not {people.Count}");
    }

    private async Task CheckJournalAsync()
    {
        var votes = new Dictionary<Guid, List<string>>();
        var edits = new Dictionary<Guid, List<string>>();
        var dots = new Dictionary<Guid, JsonElement>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_type, payload FROM cp_journal WHERE event_type IN ('VoteCast', 'ItemEdited', 'DotsPlaced') ORDER BY grain_type, grain_key, seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = JsonDocument.Parse(reader.GetString(1)).RootElement.Clone();
            switch (reader.GetString(0))
            {
                case "VoteCast":
                    Add(votes, payload.GetProperty("personId").GetGuid(), payload.GetProperty("ballot").GetProperty("reason").GetString()!);
                    break;
                case "ItemEdited":
                    Add(edits, payload.GetProperty("item").GetProperty("proposedBy").GetGuid(), payload.GetProperty("item").GetProperty("description").GetString()!);
                    break;
                case "DotsPlaced":
                    dots[payload.GetProperty("personId").GetGuid()] = payload.GetProperty("dots");
                    break;
            }
        }

        foreach (var p in world.Participants)
        {
            ExactlyOnce(p, "vote", votes.GetValueOrDefault(p.Person) ?? [], p.Votes.Select(v => v.Reason).ToList());
            ExactlyOnce(p, "edit", edits.GetValueOrDefault(p.Person) ?? [], p.Edits);
            Expect(dots.TryGetValue(p.Person, out var last) && SameDots(last.Deserialize<Dictionary<Guid, int>>(Api.Json)!, p.Dots[^1]),
                $"participant {p.Number}: the journal's last dots are not the last acknowledged");
        }
    }

    /// <summary>Every acknowledged write is in the journal once, and the journal's last one is the last acknowledged.</summary>
    private void ExactlyOnce(Participant p, string what, List<string> journalled, List<string> acknowledged)
    {
        foreach (var text in acknowledged)
        {
            var times = journalled.Count(j => j == text);
            Expect(times == 1, $"participant {p.Number}: acknowledged {what} '{text}' is in the journal {times} times");
        }

        Expect(journalled.Count > 0 && journalled[^1] == acknowledged[^1],
            $"participant {p.Number}: the journal's last {what} is '{journalled.LastOrDefault()}', the last acknowledged '{acknowledged[^1]}'");
    }

    private static bool SameDots(Dictionary<Guid, int> actual, Dictionary<Guid, int> expected) =>
        actual.Count == expected.Count && expected.All(d => actual.GetValueOrDefault(d.Key) == d.Value);

    private static void Add(Dictionary<Guid, List<string>> journal, Guid person, string text)
    {
        if (!journal.TryGetValue(person, out var list))
        {
            journal[person] = list = [];
        }

        list.Add(text);
    }

    private void Expect(bool condition, string problem)
    {
        if (!condition)
        {
            lock (_problems)
            {
                _problems.Add(problem);
            }
        }
    }
}
