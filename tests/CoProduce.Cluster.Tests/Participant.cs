using System.Net;
using System.Text.Json;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// One simulated person on one gateway. Each round they change their vote, move their dots and edit
/// their own agenda item, each write sent until it is acknowledged. Retryable errors (503 problem
/// details with Retry-After, or a connection failure) are retried; a connection failure also moves
/// them to the other gateway. Anything else, and any success that contradicts what they sent, is a
/// violation. What was acknowledged is kept for the final checks.
/// </summary>
public sealed class Participant(int number, Guid person, string token, Api api, FaultPlan faults, ClientLog log)
{
    private const int MaxAttempts = 200;
    private static readonly string[] Positions = ["Agree", "Abstain", "Disagree"];

    private string _itemEtag = "";

    public int Number { get; } = number;

    public Guid Person { get; } = person;

    public string Token { get; } = token;

    public int Gateway { get; private set; } = number % api.Gateways;

    private Project? _project;

    public Project Project => _project ?? throw new InvalidOperationException($"Participant {Number} has not joined a project yet.");

    public Guid Item { get; private set; }

    public List<(string Position, string Reason)> Votes { get; } = [];

    public List<Dictionary<Guid, int>> Dots { get; } = [];

    public List<string> Edits { get; } = [];

    public void Join(Project project, Guid item, string itemEtag)
    {
        _project = project;
        Item = item;
        _itemEtag = itemEtag;
    }

    public async Task RunAsync(int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            if (!await VoteAsync(round) || !await PlaceDotsAsync(round) || !await EditAsync(round) || !await ReadBackAsync(round))
            {
                return;
            }
        }
    }

    private async Task<bool> VoteAsync(int round)
    {
        var vote = (Position: Positions[(Number + round) % Positions.Length], Reason: $"vote {Number}.{round}");
        var answer = await SendUntilAnsweredAsync("vote", HttpMethod.Put, $"/api/projects/{Project.Id}/decisions/{Project.DecisionId}/ballot",
            new { position = vote.Position, reason = vote.Reason });
        if (answer is null)
        {
            return false;
        }

        var ballot = answer.Json.GetProperty("ballot");
        if (!answer.Json.GetProperty("voted").GetBoolean() || ballot.GetProperty("position").GetString() != vote.Position
            || ballot.GetProperty("reason").GetString() != vote.Reason)
        {
            return Wrong("vote", answer);
        }

        Votes.Add(vote);
        faults.Acknowledged();
        return true;
    }

    private async Task<bool> PlaceDotsAsync(int round)
    {
        var dots = new Dictionary<Guid, int>();
        for (var d = 0; d < World.DotsPerPerson; d++)
        {
            var item = Project.Items[(Number * 7 + round * 3 + d * 11) % Project.Items.Count];
            dots[item] = dots.GetValueOrDefault(item) + 1;
        }

        var answer = await SendUntilAnsweredAsync("dots", HttpMethod.Put, $"/api/projects/{Project.Id}/agenda/ranking/mine/dots", new { dots });
        if (answer is null)
        {
            return false;
        }

        var placed = answer.Json.GetProperty("dots").Deserialize<Dictionary<Guid, int>>(Api.Json)!;
        if (placed.Count != dots.Count || dots.Any(d => placed.GetValueOrDefault(d.Key) != d.Value))
        {
            return Wrong("dots", answer);
        }

        Dots.Add(dots);
        faults.Acknowledged();
        return true;
    }

    private async Task<bool> EditAsync(int round)
    {
        var text = $"edit {Number}.{round}";
        var path = $"/api/projects/{Project.Id}/agenda/items/{Item}";
        var answer = await SendUntilAnsweredAsync("edit", HttpMethod.Put, path, new { title = $"Item of participant {Number}", description = text },
            ifMatch: () => _itemEtag, alsoExpected: HttpStatusCode.PreconditionFailed);
        if (answer is { Status: HttpStatusCode.PreconditionFailed })
        {
            // Only this participant edits this item, so a stale If-Match means an earlier attempt whose
            // answer was lost went through; the item must now show this very edit.
            answer = await SendUntilAnsweredAsync("edit (read back)", HttpMethod.Get, path, null);
        }

        if (answer is null)
        {
            return false;
        }

        if (answer.Json.GetProperty("description").GetString() != text || answer.ETag is null)
        {
            return Wrong("edit", answer);
        }

        _itemEtag = answer.ETag;
        Edits.Add(text);
        faults.Acknowledged();
        return true;
    }

    /// <summary>
    /// Reads back what this person just had acknowledged, from the other gateway on odd rounds (as a
    /// load balancer without affinity would send them): it must be there, whichever node answers.
    /// </summary>
    private async Task<bool> ReadBackAsync(int round)
    {
        var elsewhere = round % 2 == 1 ? (Gateway + 1) % api.Gateways : Gateway;
        var item = await SendUntilAnsweredAsync("read item", HttpMethod.Get, $"/api/projects/{Project.Id}/agenda/items/{Item}", null, gateway: elsewhere);
        if (item is null || item.Json.GetProperty("description").GetString() != Edits[^1])
        {
            return item is not null && Wrong("read item", item);
        }

        var ballot = await SendUntilAnsweredAsync("read vote", HttpMethod.Get, $"/api/projects/{Project.Id}/decisions/{Project.DecisionId}/ballot", null, gateway: elsewhere);
        if (ballot is null || ballot.Json.GetProperty("ballot").GetProperty("reason").GetString() != Votes[^1].Reason)
        {
            return ballot is not null && Wrong("read vote", ballot);
        }

        return true;
    }

    /// <summary>
    /// Sends until a success (or <paramref name="alsoExpected"/>); null after a violation. A connection
    /// failure on the person's own gateway moves them to the other one; on another it falls back to their own.
    /// </summary>
    private async Task<Answer?> SendUntilAnsweredAsync(
        string what, HttpMethod method, string path, object? body, Func<string>? ifMatch = null, HttpStatusCode? alsoExpected = null, int? gateway = null)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Answer answer;
            var target = gateway ?? Gateway;
            try
            {
                answer = await api.SendAsync(target, Token, method, path, body, ifMatch?.Invoke());
            }
            catch (HttpRequestException)
            {
                log.RetryableError("connection failure");
                if (target == Gateway)
                {
                    // Their node is gone: they move to the other gateway.
                    log.RetryableError("moved to the other gateway");
                    Gateway = (Gateway + 1) % api.Gateways;
                }

                gateway = null;
                await faults.Healthy;
                continue;
            }

            if (answer.IsSuccess || answer.Status == alsoExpected)
            {
                return answer;
            }

            if (!answer.IsRetryable)
            {
                log.Violation($"participant {Number} {what} on gateway {target}: not retryable: {answer}");
                return null;
            }

            log.RetryableError($"503 {what}");
            faults.RetryableError();
            await faults.Healthy;
            // As a client should, it waits as long as the answer asks before sending again: a 503 while the cluster
            // declares a killed silo dead comes back in milliseconds, and attempts sent at once would all be used up
            // before the cluster has settled.
            await Task.Delay(answer.RetryAfter ?? TimeSpan.Zero);
        }

        log.Violation($"participant {Number} {what}: no answer after {MaxAttempts} attempts");
        return null;
    }

    private bool Wrong(string what, Answer answer)
    {
        log.Violation($"participant {Number} {what}: a success that contradicts what was sent: {answer}");
        return false;
    }
}
