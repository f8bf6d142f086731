using CoProduce.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoProduce.Client.Live;

/// <summary>The hub's methods as typed calls over one hub connection.</summary>
internal sealed class ProjectHubProxy(HubConnection connection) : IProjectHub
{
    public Task<JoinResult> Join(JoinRequest request) => connection.InvokeAsync<JoinResult>(nameof(Join), request);

    public Task<PresencePage> Presence(PresenceRequest request) => connection.InvokeAsync<PresencePage>(nameof(Presence), request);

    public Task Leave(Guid projectId) => connection.InvokeAsync(nameof(Leave), projectId);

    public Task<LiveAgendaItem> ProposeItem(ProposeItemRequest request) => connection.InvokeAsync<LiveAgendaItem>(nameof(ProposeItem), request);

    public Task<LiveAgendaItem> EditItem(EditItemRequest request) => connection.InvokeAsync<LiveAgendaItem>(nameof(EditItem), request);

    public Task<LiveAgendaItem> WithdrawItem(WithdrawItemRequest request) => connection.InvokeAsync<LiveAgendaItem>(nameof(WithdrawItem), request);

    public Task PlaceDots(PlaceDotsRequest request) => connection.InvokeAsync(nameof(PlaceDots), request);

    public Task Reorder(ReorderRequest request) => connection.InvokeAsync(nameof(Reorder), request);

    public Task Vote(VoteRequest request) => connection.InvokeAsync(nameof(Vote), request);

    public Task CloseDecision(CloseDecisionRequest request) => connection.InvokeAsync(nameof(CloseDecision), request);

    public Task RaiseHand(Guid projectId) => connection.InvokeAsync(nameof(RaiseHand), projectId);

    public Task LowerHand(Guid projectId) => connection.InvokeAsync(nameof(LowerHand), projectId);

    public Task GiveFloor(GiveFloorRequest request) => connection.InvokeAsync(nameof(GiveFloor), request);

    public Task EndTurn(Guid projectId) => connection.InvokeAsync(nameof(EndTurn), projectId);

    public Task<SpeakingTimeReport> SpeakingTime(Guid projectId) => connection.InvokeAsync<SpeakingTimeReport>(nameof(SpeakingTime), projectId);

    public Task SignalPace(PaceRequest request) => connection.InvokeAsync(nameof(SignalPace), request);

    public Task ClearPace(Guid projectId) => connection.InvokeAsync(nameof(ClearPace), projectId);
}
