using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Feedback;

public sealed record ProjectFeedbackState
{
    /// <summary>Entries said to be published, with their decision; an entry is counted only once it says so itself.</summary>
    public Dictionary<Guid, Guid> Published { get; init; } = [];
}

/// <summary>
/// Which of a project's feedback entries are published, keyed by the project's id (the entries themselves are listed
/// by <see cref="IProjectListGrain"/>). It works out which closed decisions have gone
/// longer than the organisation's setting (<see cref="OrganisationSettings.FeedbackOverdueAfterDays"/>,
/// the same for all its projects) without a published entry.
/// </summary>
[GrainType("projectfeedback")]
public sealed class ProjectFeedbackGrain(
    [PersistentState("project-feedback")] IPersistentState<ProjectFeedbackState> state,
    TimeProvider time) : Grain, IProjectFeedbackGrain
{
    private Guid ProjectId => this.GetPrimaryKey();

    public async Task Published(Guid feedbackId, Guid decisionId)
    {
        if (state.State.Published.ContainsKey(feedbackId))
        {
            return;
        }

        state.State = state.State with { Published = new Dictionary<Guid, Guid>(state.State.Published) { [feedbackId] = decisionId } };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> PublishedIds() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Published.Keys]);

    public async Task<FeedbackOverview> Overview(Actor actor)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        var decisionIds = await GrainFactory.ProjectList(ProjectId, ProjectListKind.Decisions).List(actor);
        var entryIds = await GrainFactory.ProjectList(ProjectId, ProjectListKind.Feedback).Ids();
        var decisions = await Task.WhenAll(decisionIds.Select(id => ClosedAt(actor, id)));
        var claimed = state.State.Published.ToList();
        var entries = await Task.WhenAll(claimed.Select(p => GrainFactory.GetGrain<IFeedbackGrain>(p.Key).Peek()));
        var published = entries.Where(e => e?.Status == FeedbackStatus.Published).Select(e => e!.Id).ToHashSet();
        var answered = claimed.Where(p => published.Contains(p.Key)).Select(p => p.Value).ToHashSet();

        var days = await OverdueAfterDays();
        var dueBefore = time.GetUtcNow() - TimeSpan.FromDays(days);
        List<Guid> overdue = [.. decisions
            .Where(d => d.ClosedAt is { } closed && closed < dueBefore && !answered.Contains(d.Id))
            .Select(d => d.Id)];
        List<Guid> ids = [.. Enumerable.Reverse(entryIds).Where(id => access.CanFacilitate || published.Contains(id))];
        return new FeedbackOverview(ids, overdue, days);
    }

    /// <summary>The project's organisation's setting, read on every call so that a change counts at once.</summary>
    private async Task<int> OverdueAfterDays()
    {
        var header = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).Header();
        var settings = header is null ? OrganisationSettings.Default : await GrainFactory.GetGrain<IOrganisationGrain>(header.OrganisationId).Settings();
        return settings.FeedbackOverdueAfterDays;
    }

    /// <summary>When the decision closed; null while open, or when a listed decision was never stored.</summary>
    private async Task<(Guid Id, DateTimeOffset? ClosedAt)> ClosedAt(Actor actor, Guid decisionId)
    {
        try
        {
            return (decisionId, (await GrainFactory.GetGrain<IDecisionGrain>(decisionId).Get(actor, ProjectId)).Value.ClosedAt);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return (decisionId, null);
        }
    }
}
