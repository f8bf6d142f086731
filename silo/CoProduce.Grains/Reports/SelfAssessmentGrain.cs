using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Reports;

/// <summary>
/// A project's self-assessment on the ladder of co-production, keyed by the project's id. The members who
/// take part (contributors and facilitators, and staff who facilitate) record it; whoever can see the
/// project reads it; every rating is kept, so the report can show the trend.
/// </summary>
[GrainType("selfassessment")]
public sealed class SelfAssessmentGrain(
    [JournaledState("self-assessment")] IJournaledState<SelfAssessmentState> state,
    TimeProvider time) : JournaledGrain, ISelfAssessmentGrain
{
    // Bounds the stored history; a project rating itself more often than this is far outside normal use.
    public const int MaxEntries = 2000;

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<SelfAssessmentView> Record(Actor actor, CoProductionLevel level, string? note)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        if (!(access.Role is ProjectRole.Contributor or ProjectRole.Facilitator || access.CanFacilitate))
        {
            throw DomainException.Forbidden("Contributors and facilitators rate the project; observers and other staff can read the ratings.");
        }

        if (!Enum.IsDefined(level))
        {
            throw DomainException.Invalid("level", "level must be a rung of the ladder, from Coercion to CoProduction.");
        }

        var text = Text.Optional(note, "note");
        var entries = state.State.Entries;
        if (entries.Count > 0 && entries[^1] is var last
            && last.Level == level && last.Note == text && last.RecordedBy == actor.PersonId && last.SupportedBy == actor.SupportedBy)
        {
            // The same rating sent again (a retried PUT) is recorded once.
            return await ShownTo(access);
        }

        if (entries.Count >= MaxEntries)
        {
            throw DomainException.Conflict($"This project already has {MaxEntries} ratings, the most it can keep.");
        }

        // No copy of the rater's lived experience is kept: views read it from their profile as it is now (ShownTo).
        var entry = new SelfAssessmentEntry(level, text, actor.PersonId, actor.SupportedBy, LivedExperience: null, time.GetUtcNow());
        RaiseEvent(new SelfAssessmentRecorded(ProjectId, entry));
        state.State = state.State with { Entries = [.. entries, entry] };
        await state.WriteStateAsync();
        return await ShownTo(access);
    }

    public async Task<SelfAssessmentView> Get(Actor actor)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await ShownTo(access);
    }

    public Task<IReadOnlyList<SelfAssessmentEntry>> History() =>
        Task.FromResult<IReadOnlyList<SelfAssessmentEntry>>([.. state.State.Entries.Select(e => e with { LivedExperience = null })]);

    /// <summary>
    /// The ratings as this reader may see them: each rater's lived experience as their profile says it now, and only
    /// where <see cref="LivedExperienceShown"/> allows (facilitators, for people who agreed); null otherwise.
    /// </summary>
    private async Task<SelfAssessmentView> ShownTo(ProjectAccess access)
    {
        var entries = state.State.Entries;
        var shown = await LivedExperienceShown.To(GrainFactory, ProjectId, access, entries.Select(e => e.RecordedBy));
        List<SelfAssessmentEntry> visible = [.. entries.Select(e => e with { LivedExperience = shown(e.RecordedBy) })];
        return new SelfAssessmentView(ProjectId, visible.Count > 0 ? visible[^1] : null, [.. Enumerable.Reverse(visible)]);
    }
}
