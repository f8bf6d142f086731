using CoProduce.Grains.Agenda;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Live;
using CoProduce.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// The live session hub at <c>/hubs/project</c> (see <see cref="IProjectHub"/>). It checks who may join
/// and acts for them through the grains; what they do comes back to everyone as journalled events.
/// </summary>
[Authorize]
internal sealed partial class ProjectHub(IGrainFactory grains, LiveFeeds feeds, LiveConnections connections) : Hub<IProjectHubClient>, IProjectHub
{
    public Task<JoinResult> Join(JoinRequest request)
    {
        LiveRequests.Check(request);
        return JoinAsync(request, mayRetry: true);
    }

    private async Task<JoinResult> JoinAsync(JoinRequest request, bool mayRetry)
    {
        var (member, name) = await LiveAdmission.AdmitAsync(Context.User!, request, grains);
        var snapshot = await Live(member.ProjectId).Arrive(feeds.Node, Context.ConnectionId, new PresentPerson(
            member.PersonId, name, member.Role, member.Actor.SupportedBy is null ? null : member.Actor.PersonId, request.AccessNeeds), feeds.Observer, feeds.Silo);
        var connection = connections.Of(Context.ConnectionId);
        if (connection.Remove(member.ProjectId) is { } earlier)
        {
            // Joining again on the same connection (a client that saw a gap): replay from its position.
            await feeds.For(member.ProjectId).LeaveAsync(connection, earlier.IsFacilitator);
        }

        connection.Add(member);

        // The check may have passed just before the person was removed or their role changed, while the session did
        // not know them yet (so it could not act on it): checked again now that they are present. A removal or change
        // from now on finds them in the session, which announces it, and the feed applies it to this connection.
        if (await LiveAdmission.TryAdmitAsync(Context.User!, request, grains) is not { } now || now.Member.Role != member.Role)
        {
            connection.Remove(member.ProjectId);
            await Live(member.ProjectId).Depart(Context.ConnectionId, member.PersonId);
            return mayRetry
                ? await JoinAsync(request, mayRetry: false)
                : throw LiveAdmission.Refused();
        }

        var after = Math.Min(request.AfterSequence ?? snapshot.Sequence, snapshot.Sequence);
        await feeds.For(member.ProjectId).JoinAsync(connection, member.IsFacilitator, after);
        return new JoinResult(member.ProjectId, member.Role, after, LiveViews.For(snapshot, member.IsFacilitator));
    }

    public async Task<PresencePage> Presence(PresenceRequest request)
    {
        var limit = LiveRequests.Limit(request);
        var member = Member(request.ProjectId);
        return LiveViews.For(await Live(member.ProjectId).Presence(request.After, limit), member.IsFacilitator);
    }

    public async Task Leave(Guid projectId)
    {
        if (connections.Of(Context.ConnectionId).Remove(projectId) is { } member)
        {
            await Depart(member);
        }
    }

    public override Task OnConnectedAsync()
    {
        LiveTelemetry.Connected(+1);

        // Over the person's cap: SignalR closes the connection with this error, and nothing else was made for it.
        return connections.Of(Context.ConnectionId).Admitted
            ? base.OnConnectedAsync()
            : throw new HubException($"{LiveErrors.RateLimited}: you have too many connections open; close one before opening another.");
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        LiveTelemetry.Connected(-1);
        foreach (var member in connections.Find(Context.ConnectionId)?.RemoveAll() ?? [])
        {
            await Depart(member);
        }

        await base.OnDisconnectedAsync(exception);
    }

    public async Task<LiveAgendaItem> ProposeItem(ProposeItemRequest request)
    {
        var member = Member(request.ProjectId);
        return LiveMapping.Item(await Agenda(member).Propose(member.Actor, request.Title, request.Description, request.EasyReadSummary));
    }

    public async Task<LiveAgendaItem> EditItem(EditItemRequest request)
    {
        var member = Member(request.ProjectId);
        return LiveMapping.Item(await Agenda(member).Edit(
            member.Actor, request.ItemId, request.Title, request.Description, request.EasyReadSummary, request.ExpectedVersion));
    }

    public async Task<LiveAgendaItem> WithdrawItem(WithdrawItemRequest request)
    {
        var member = Member(request.ProjectId);
        return LiveMapping.Item(await Agenda(member).Withdraw(member.Actor, request.ItemId, request.ExpectedVersion));
    }

    public async Task PlaceDots(PlaceDotsRequest request)
    {
        var member = Member(request.ProjectId);
        await Agenda(member).PlaceDots(member.Actor, request.Dots ?? throw LiveRequests.Invalid("dots are required."));
    }

    public async Task Reorder(ReorderRequest request)
    {
        var member = Member(request.ProjectId);
        await Agenda(member).SubmitRanking(member.Actor, request.Order ?? throw LiveRequests.Invalid("order is required."));
    }

    public async Task Vote(VoteRequest request)
    {
        var member = Member(request.ProjectId);
        var ballot = LiveMapping.Ballot(request.Ballot ?? throw LiveRequests.Invalid("ballot is required."));
        await grains.GetGrain<IDecisionGrain>(request.DecisionId).Vote(member.Actor, member.ProjectId, ballot);
    }

    public async Task CloseDecision(CloseDecisionRequest request)
    {
        var member = Member(request.ProjectId);
        await grains.GetGrain<IDecisionGrain>(request.DecisionId).Close(member.Actor, member.ProjectId);
    }

    public Task RaiseHand(Guid projectId) => Live(projectId).RaiseHand(Member(projectId).PersonId);

    public Task LowerHand(Guid projectId) => Live(projectId).LowerHand(Member(projectId).PersonId);

    public Task GiveFloor(GiveFloorRequest request) => Live(request.ProjectId).GiveFloor(Member(request.ProjectId).PersonId, request.PersonId);

    public Task EndTurn(Guid projectId) => Live(projectId).EndTurn(Member(projectId).PersonId);

    public Task<SpeakingTimeReport> SpeakingTime(Guid projectId) => Live(Member(projectId).ProjectId).SpeakingTime();

    public Task SignalPace(PaceRequest request)
    {
        var member = Member(request.ProjectId);
        return Enum.IsDefined(request.Kind)
            ? Live(member.ProjectId).SignalPace(member.PersonId, request.Kind, request.Anonymous)
            : throw LiveRequests.Invalid("kind must be SlowDown, NeedBreak or DontUnderstand.");
    }

    public Task ClearPace(Guid projectId) => Live(projectId).ClearPace(Member(projectId).PersonId);

    private async Task Depart(LiveMember member)
    {
        if (connections.Find(Context.ConnectionId) is { } connection)
        {
            await feeds.For(member.ProjectId).LeaveAsync(connection, member.IsFacilitator);
        }

        await Live(member.ProjectId).Depart(Context.ConnectionId, member.PersonId);
    }

    private LiveMember Member(Guid projectId) =>
        connections.Of(Context.ConnectionId).Find(projectId)
            ?? throw new HubException($"{LiveErrors.NotJoined}: join the project's live session first.");

    private IProjectLiveGrain Live(Guid projectId) => grains.GetGrain<IProjectLiveGrain>(projectId);

    private IAgendaGrain Agenda(LiveMember member) => grains.GetGrain<IAgendaGrain>(member.ProjectId);
}
