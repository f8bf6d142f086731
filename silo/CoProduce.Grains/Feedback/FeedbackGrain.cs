using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Feedback;

/// <summary>
/// One "you said, we did" entry, keyed by its id. Facilitators draft and publish it; publishing fixes
/// whom it is addressed to, and each of them may sign it off or challenge it. A call naming another
/// project is told it does not exist.
/// </summary>
// Reentrant like the decision grain: every method reads and changes the state only after its last await.
[Reentrant]
[GrainType("feedback")]
public sealed class FeedbackGrain(
    [JournaledState("feedback")] IJournaledState<FeedbackState> state,
    TimeProvider time) : JournaledGrain, IFeedbackGrain
{
    private FeedbackState S => state.State;

    private bool Exists => S.ProjectId != Guid.Empty;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<FeedbackView>> Create(Actor actor, Guid projectId, FeedbackSpec spec)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        var (summary, done, notDone, actions) = FeedbackRules.Check(spec);
        await FeedbackRules.CheckLinks(GrainFactory, actor, projectId, spec.DecisionId, actions);
        EnsureNew();
        await GrainFactory.ProjectList(projectId, ProjectListKind.Feedback).Add(Id);
        EnsureNew();
        RaiseEvent(new FeedbackDrafted(Id, projectId, spec.DecisionId, actions, actor.PersonId, actor.SupportedBy));
        await state.Commit(new FeedbackState
        {
            ProjectId = projectId,
            DecisionId = spec.DecisionId,
            Summary = summary,
            Done = done,
            NotDone = notDone,
            ActionIds = actions,
            Status = FeedbackStatus.Draft,
            CreatedBy = actor.PersonId,
            CreatedWith = actor.SupportedBy,
            CreatedAt = time.GetUtcNow(),
        });
        return Current();
    }

    public async Task<Versioned<FeedbackView>> Get(Actor actor, Guid projectId)
    {
        var access = await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureVisible(projectId, access);
        return Current();
    }

    public Task<FeedbackView?> Peek() => Task.FromResult(Exists ? Current().Value : null);

    public async Task<Versioned<FeedbackView>> Publish(Actor actor, Guid projectId)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        EnsureInProject(projectId);
        EnsureDraft();
        var decisionId = S.DecisionId;
        var addressees = await FeedbackRules.Addressees(GrainFactory, actor, projectId, decisionId);

        // The indexes come first: should the write then fail, they point at a draft, which lists skip.
        await GrainFactory.GetGrain<IProjectFeedbackGrain>(projectId).Published(Id, decisionId);
        foreach (var person in addressees)
        {
            await GrainFactory.GetGrain<IPersonFeedbackGrain>(person).Add(new FeedbackAddress(projectId, Id));
        }

        EnsureDraft();
        var now = time.GetUtcNow();
        RaiseEvent(new FeedbackPublished(Id, projectId, decisionId, addressees, actor.PersonId, actor.SupportedBy, now));
        await state.Commit(S with { Status = FeedbackStatus.Published, Addressees = addressees, PublishedBy = actor.PersonId, PublishedAt = now });
        return Current();
    }

    public async Task<Versioned<FeedbackView>> Respond(Actor actor, Guid projectId, bool signOff, string? comment)
    {
        var access = await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureVisible(projectId, access);
        if (S.Status != FeedbackStatus.Published)
        {
            throw DomainException.Conflict("This feedback has not been published yet.");
        }

        if (!S.Addressees.Contains(actor.PersonId))
        {
            throw DomainException.Forbidden("Only the people this feedback is addressed to can sign it off or challenge it.");
        }

        var text = signOff ? Text.Optional(comment, "comment") : Text.Required(comment, "comment", Text.ParagraphLength);
        var response = new FeedbackResponse(actor.PersonId, actor.SupportedBy, signOff, text, time.GetUtcNow());
        RaiseEvent(new FeedbackResponded(Id, projectId, response));
        await state.Commit(S with { Responses = new Dictionary<Guid, FeedbackResponse>(S.Responses) { [actor.PersonId] = response } });
        return Current();
    }

    private void EnsureInProject(Guid projectId)
    {
        if (!Exists || S.ProjectId != projectId)
        {
            throw DomainException.NotFound("The feedback");
        }
    }

    /// <summary>A draft is the facilitators' work in progress: to anyone else it does not exist yet.</summary>
    private void EnsureVisible(Guid projectId, ProjectAccess access)
    {
        EnsureInProject(projectId);
        if (S.Status == FeedbackStatus.Draft && !access.CanFacilitate)
        {
            throw DomainException.NotFound("The feedback");
        }
    }

    private void EnsureNew()
    {
        if (Exists)
        {
            throw DomainException.Conflict("This feedback already exists.");
        }
    }

    private void EnsureDraft()
    {
        if (S.Status != FeedbackStatus.Draft)
        {
            throw DomainException.Conflict("This feedback is already published.");
        }
    }

    private Versioned<FeedbackView> Current() => new(
        new FeedbackView(
            Id, S.ProjectId, S.DecisionId, S.Summary, S.Done, S.NotDone, S.ActionIds, S.Status, S.Addressees,
            [.. S.Responses.Values.OrderBy(r => r.At)], S.CreatedBy, S.CreatedAt, S.PublishedBy, S.PublishedAt),
        S.Version);
}
