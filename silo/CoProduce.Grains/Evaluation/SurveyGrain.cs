using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Evaluation;

/// <summary>
/// One survey, keyed by its id; it records its project, and a call naming another project is told it
/// does not exist. Whoever can see the project reads it; contributors and facilitators respond;
/// facilitators create and close it and see results while it is open.
/// </summary>
// Reentrant so that many people responding at once share writes; every method reads and changes the
// state only after its last await before Commit, so interleaving never acts on a stale view.
[Reentrant]
[GrainType("survey")]
public sealed partial class SurveyGrain([JournaledState("survey")] IJournaledState<SurveyState> state, AnonymityKey anonymity, TimeProvider time) : JournaledGrain, ISurveyGrain
{
    /// <summary>Contributors and facilitators take part; observers, and staff who do not facilitate, watch.</summary>
    private const string TakesPartRefusal = "Observers can follow a survey; contributors and facilitators respond.";

    private SurveyState S => state.State;

    private bool Exists => S.ProjectId != Guid.Empty;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<SurveyView>> Create(Actor actor, Guid projectId, SurveySpec spec)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        var checkedSpec = SurveyRules.Check(spec);
        await EnsureDecisionsOfProject(actor, projectId, checkedSpec.DecisionIds);
        if (Exists)
        {
            throw DomainException.Conflict("This survey already exists.");
        }

        // The project's list comes first: should the write then fail, the list skips a survey it cannot find.
        await GrainFactory.ProjectList(projectId, ProjectListKind.Surveys).Add(Id);
        if (Exists)
        {
            throw DomainException.Conflict("This survey already exists.");
        }

        var survey = new SurveyState
        {
            ProjectId = projectId,
            Title = checkedSpec.Title,
            Description = checkedSpec.Description,
            Anonymous = spec.Anonymous,
            Questions = checkedSpec.Questions,
            DecisionIds = checkedSpec.DecisionIds,
            ActionIds = checkedSpec.ActionIds,
            Status = SurveyStatus.Open,
            RespondentKeySecret = spec.Anonymous ? AnonymityKey.NewSalt() : null,
            CreatedBy = actor.PersonId,
            CreatedWith = actor.SupportedBy,
            CreatedAt = time.GetUtcNow(),
        };
        RaiseEvent(new SurveyCreated(
            Id, projectId, survey.Title, survey.Anonymous, survey.Questions, survey.DecisionIds, survey.ActionIds, actor.PersonId, actor.SupportedBy));
        await state.Commit(survey);
        return Current(canFacilitate: true);
    }

    public async Task<Versioned<SurveyView>> Get(Actor actor, Guid projectId)
    {
        var access = await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureInProject(projectId);
        return Current(access.CanFacilitate);
    }

    public Task<SurveySummary?> Summary() => Task.FromResult(Exists
        ? new SurveySummary(Id, S.Title, S.Anonymous, S.Status, S.Questions.Count, ShownRespondents, S.CreatedAt)
        : null);

    public async Task<Versioned<SurveyView>> Close(Actor actor, Guid projectId)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        EnsureInProject(projectId);
        EnsureOpen();
        var now = time.GetUtcNow();
        RaiseEvent(new SurveyClosed(Id, S.ProjectId, Count(), actor.PersonId, actor.SupportedBy, now));
        await state.Commit(S with { Status = SurveyStatus.Closed, ClosedBy = actor.PersonId, ClosedAt = now });
        return Current(canFacilitate: true);
    }

    /// <summary>Evidence links name decisions of this project only; the caller has already been let in.</summary>
    private async Task EnsureDecisionsOfProject(Actor actor, Guid projectId, IReadOnlyList<Guid> decisionIds)
    {
        foreach (var decisionId in decisionIds)
        {
            try
            {
                await GrainFactory.GetGrain<IDecisionGrain>(decisionId).Get(actor, projectId);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
                throw DomainException.Invalid("decisionIds", $"{decisionId} is not a decision of this project.");
            }
        }
    }

    /// <summary>Called after the last await: the survey must exist and belong to the project in the request.</summary>
    private void EnsureInProject(Guid projectId)
    {
        if (!Exists || S.ProjectId != projectId)
        {
            throw DomainException.NotFound("The survey");
        }
    }

    private void EnsureOpen()
    {
        if (S.Status != SurveyStatus.Open)
        {
            throw DomainException.Conflict($"The survey closed at {S.ClosedAt:u}; responses can no longer be given or changed.");
        }
    }

    private SurveyResults Count() => SurveyCount.Results(S.Questions, S.Responses.Values);

    /// <summary>
    /// While an anonymous survey is open nothing that moves with each response is shown, facilitators included
    /// (results, the number of respondents, the version), so no answer can be isolated by reading before and after it.
    /// </summary>
    private bool CountsHidden => S.Anonymous && S.Status == SurveyStatus.Open;

    private int? ShownRespondents => CountsHidden ? null : S.Responses.Count;

    private Versioned<SurveyView> Current(bool canFacilitate) => new(
        new SurveyView(
            Id, S.ProjectId, S.Title, S.Description, S.Anonymous, S.Questions, S.DecisionIds, S.ActionIds, S.Status,
            ShownRespondents, (canFacilitate && !CountsHidden) || S.Status == SurveyStatus.Closed ? Count() : null,
            S.CreatedBy, S.CreatedAt, S.ClosedBy, S.ClosedAt),
        CountsHidden ? S.Version - S.ResponseWrites : S.Version);
}
