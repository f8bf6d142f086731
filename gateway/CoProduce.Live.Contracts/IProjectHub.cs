namespace CoProduce.Live;

/// <summary>
/// The methods of <c>/hubs/project</c>. A refusal is a hub error whose message says why; it affects only
/// that call. Every method but <see cref="Join"/> needs the connection to have joined the project.
/// </summary>
public interface IProjectHub
{
    /// <summary>Joins a project's session (participants, facilitating staff, and supporters acting with a contributor).</summary>
    Task<JoinResult> Join(JoinRequest request);

    /// <summary>A page of who is present, in order of person id; access needs only for facilitators.</summary>
    Task<PresencePage> Presence(PresenceRequest request);

    /// <summary>Leaves the session; closing the connection does the same.</summary>
    Task Leave(Guid projectId);

    /// <summary>Proposes an agenda item (contributors and facilitators).</summary>
    Task<LiveAgendaItem> ProposeItem(ProposeItemRequest request);

    /// <summary>Edits an item (its proposer or a facilitator) if still at the expected version.</summary>
    Task<LiveAgendaItem> EditItem(EditItemRequest request);

    /// <summary>Withdraws an item (its proposer or a facilitator) if still at the expected version.</summary>
    Task<LiveAgendaItem> WithdrawItem(WithdrawItemRequest request);

    /// <summary>Replaces the caller's dots while dot-vote ranking is open.</summary>
    Task PlaceDots(PlaceDotsRequest request);

    /// <summary>Replaces the caller's order while ranked-choice ranking is open.</summary>
    Task Reorder(ReorderRequest request);

    /// <summary>Casts or changes the caller's vote on an open decision.</summary>
    Task Vote(VoteRequest request);

    /// <summary>Closes a decision now (facilitators); results are pushed to everyone.</summary>
    Task CloseDecision(CloseDecisionRequest request);

    /// <summary>Joins the queue to speak.</summary>
    Task RaiseHand(Guid projectId);

    /// <summary>Leaves the queue.</summary>
    Task LowerHand(Guid projectId);

    /// <summary>Gives someone the floor (facilitators).</summary>
    Task GiveFloor(GiveFloorRequest request);

    /// <summary>Ends the current turn (the speaker or a facilitator).</summary>
    Task EndTurn(Guid projectId);

    /// <summary>Speaking time by role across the project's sessions.</summary>
    Task<SpeakingTimeReport> SpeakingTime(Guid projectId);

    /// <summary>Sends "slow down", "I need a break" or "I don't understand".</summary>
    Task SignalPace(PaceRequest request);

    /// <summary>Acknowledges the pace signals (facilitators); counts start again.</summary>
    Task ClearPace(Guid projectId);
}
