using CoProduce.Client.Live;
using CoProduce.Live;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// Two gateway processes on one PostgreSQL: people joined on one node see, in order and once, what
/// people on the other node do, pushed by the live grain to each node's grain observer (the journal fills any gap).
/// </summary>
public sealed class LiveAcrossNodesTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EventsCausedOnOneNodeReachTheOtherInOrderOnce()
    {
        // No heartbeat within the test (its answer would let a node read the journal): only the live grain's pushes
        // to the observer of each node on another silo than its own carry the events there (whichever silo it is on,
        // at least one of the two gateways is another).
        await using var cluster = await Cluster.StartAsync(gateways: 2, new Dictionary<string, string> { ["CoProduce__Live__HeartbeatInterval"] = "01:00:00" });
        using var api = new Api(cluster.Gateways.Select(g => g.Address));
        var admin = Guid.NewGuid();
        var adminToken = cluster.Tokens.Issue(admin, TimeSpan.FromHours(1));
        var organisation = (await api.RequireAsync(0, adminToken, HttpMethod.Post, "/api/organisations",
            new { name = "Live Council", kind = "LocalAuthority", displayName = "Facilitator" })).GetProperty("id").GetGuid();
        var project = (await api.RequireAsync(0, adminToken, HttpMethod.Post, "/api/projects",
            new { organisationId = organisation, name = "Live across nodes", summary = "Two gateways" })).GetProperty("id").GetGuid();
        var (here, there) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var person in new[] { here, there })
        {
            await api.RequireAsync(0, adminToken, HttpMethod.Put, $"/api/projects/{project}/participants/{person}", new { role = "Contributor" });
            await api.RequireAsync(0, cluster.Tokens.Issue(person, TimeSpan.FromHours(1)), HttpMethod.Post, $"/api/me/participation-requests/{project}/accept", new { });
        }

        var onFirst = new Received();
        var onSecond = new Received();
        await using var watcher = await Join(cluster, 0, here, project, onFirst);
        await using var actor = await Join(cluster, 1, there, project, onSecond);
        await using var facilitator = await Join(cluster, 1, admin, project, new Received());

        // Things done on the second node: through its hub, and through its HTTP API.
        var item = await actor.Hub.ProposeItem(new ProposeItemRequest(project, "Weekend respite"));
        // Five rounds: within one person's budget of hands (8 at once, docs/live.md).
        for (var i = 0; i < 5; i++)
        {
            await actor.Hub.RaiseHand(project);
            await actor.Hub.LowerHand(project);
        }

        var decision = (await api.RequireAsync(1, adminToken, HttpMethod.Post, $"/api/projects/{project}/decisions",
            new { title = "Meet monthly", method = "Consent", closesAt = DateTimeOffset.UtcNow.AddHours(1) })).GetProperty("id").GetGuid();
        await actor.Hub.Vote(new VoteRequest(project, decision, new LiveBallot(Position: "Agree")));
        await facilitator.Hub.CloseDecision(new CloseDecisionRequest(project, decision));

        var closed = await onSecond.Until(m => m.Event is DecisionClosed);
        await onFirst.Until(m => m.Sequence >= closed.Sequence);
        var first = onFirst.Messages;
        Assert.Equal(Enumerable.Range((int)first[0].Sequence, first.Count).Select(i => (long)i), first.Select(m => m.Sequence));
        Assert.Contains(first, m => m.Event is AgendaItemProposed p && p.Item.Id == item.Id);
        Assert.Equal(5, first.Count(m => m.Event is HandRaised h && h.PersonId == there));
        Assert.Contains(first, m => m.Event is TallyChanged t && t.DecisionId == decision && t.Voters == 1);
        Assert.Contains(first, m => m.Event is DecisionClosed c && c.DecisionId == decision && c.Results.Consent!.Agree == 1);

        // Both nodes pushed the same events with the same numbers.
        var second = onSecond.Messages.ToDictionary(m => m.Sequence);
        Assert.All(first.Where(m => second.ContainsKey(m.Sequence)), m => Assert.Equal(second[m.Sequence].Event.GetType(), m.Event.GetType()));
    }

    [Fact]
    public async Task ARoleChangeOrRemovalMadeOnOneNodeTakesEffectOnTheOther()
    {
        await using var cluster = await Cluster.StartAsync(gateways: 2);
        using var api = new Api(cluster.Gateways.Select(g => g.Address));
        var admin = Guid.NewGuid();
        var adminToken = cluster.Tokens.Issue(admin, TimeSpan.FromHours(1));
        var organisation = (await api.RequireAsync(0, adminToken, HttpMethod.Post, "/api/organisations",
            new { name = "Live Council", kind = "LocalAuthority", displayName = "Facilitator" })).GetProperty("id").GetGuid();
        var project = (await api.RequireAsync(0, adminToken, HttpMethod.Post, "/api/projects",
            new { organisationId = organisation, name = "Roles across nodes" })).GetProperty("id").GetGuid();
        var (lead, contributor) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (person, role) in new[] { (lead, "Facilitator"), (contributor, "Contributor") })
        {
            // Asked by the admin, in by their own acceptance.
            await api.RequireAsync(0, adminToken, HttpMethod.Put, $"/api/projects/{project}/participants/{person}", new { role });
            await api.RequireAsync(0, cluster.Tokens.Issue(person, TimeSpan.FromHours(1)), HttpMethod.Post, $"/api/me/participation-requests/{project}/accept", new { });
        }

        // Both joined on the first node; the changes are made through the second.
        var leadReceived = new Received();
        var contributorReceived = new Received();
        await using var leadSession = await Join(cluster, 0, lead, project, leadReceived);
        await using var contributorSession = await Join(cluster, 0, contributor, project, contributorReceived);
        await api.RequireAsync(1, adminToken, HttpMethod.Put, $"/api/projects/{project}/participants/{lead}", new { role = "Contributor" });
        var removed = await api.SendAsync(1, adminToken, HttpMethod.Delete, $"/api/projects/{project}/participants/{contributor}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.Status);

        await leadReceived.Until(m => m.Event is PersonRoleChanged c && c.PersonId == lead && c.Role == LiveRole.Contributor);
        var refused = LiveError.From(await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => leadSession.Hub.GiveFloor(new GiveFloorRequest(project, lead))));
        Assert.Equal("Forbidden", refused?.Kind);
        await contributorReceived.Until(m => m.Event is PersonRemoved r && r.PersonId == contributor);
        await leadReceived.Until(m => m.Event is PersonLeft l && l.PersonId == contributor);
        var gone = LiveError.From(await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => contributorSession.Hub.RaiseHand(project)));
        Assert.Equal("NotJoined", gone?.Kind);
    }

    private static Task<LiveSession> Join(Cluster cluster, int gateway, Guid person, Guid project, Received received)
    {
        var token = cluster.Tokens.Issue(person, TimeSpan.FromHours(1));
        return LiveSession.ConnectAsync(
            cluster.Gateways[gateway].Address, _ => ValueTask.FromResult(token), new JoinRequest(project), received: received.Add);
    }

    private sealed class Received
    {
        private readonly List<LiveMessage> _messages = [];
        private readonly List<(Func<LiveMessage, bool> Match, TaskCompletionSource Seen)> _waits = [];

        public IReadOnlyList<LiveMessage> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public void Add(LiveMessage message)
        {
            lock (_messages)
            {
                _messages.Add(message);
                foreach (var wait in _waits.Where(w => w.Match(message)).ToList())
                {
                    wait.Seen.TrySetResult();
                    _waits.Remove(wait);
                }
            }
        }

        public async Task<LiveMessage> Until(Func<LiveMessage, bool> match)
        {
            Task seen;
            lock (_messages)
            {
                if (_messages.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waits.Add((match, wait));
                seen = wait.Task;
            }

            await seen.WaitAsync(Within);
            return Messages.First(match);
        }
    }
}
