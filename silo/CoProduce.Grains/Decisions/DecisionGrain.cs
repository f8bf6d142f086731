using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions.Counting;
using CoProduce.Grains.Projects;
using CoProduce.Grains.Representation;
using Microsoft.Extensions.Options;

namespace CoProduce.Grains.Decisions;

/// <summary>
/// One decision, keyed by its id; it records the project it belongs to, and a call naming another
/// project is told it does not exist. Whoever can see the project reads it; contributors and
/// facilitators vote; facilitators create, close and record the outcome. Access is asked of the project
/// on every call, so a role change counts at once.
/// </summary>
// Reentrant so that many people voting at once share writes; every method reads and changes the state
// only after its last await before Commit, so interleaving never acts on a stale view.
[Reentrant]
[GrainType("decision")]
public sealed partial class DecisionGrain(
    [JournaledState("decision")] IJournaledState<DecisionState> state,
    TimeProvider time,
    AnonymityKey anonymity,
    IOptions<ReminderOptions> reminders) : JournaledGrain, IDecisionGrain, IRemindable
{
    /// <summary>Contributors and facilitators take part; observers, and staff who do not facilitate, watch.</summary>
    private const string TakesPartRefusal = "Observers can follow a decision; contributors and facilitators vote.";

    private DecisionState S => state.State;

    private bool Exists => S.ProjectId != Guid.Empty;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<DecisionView>> Create(Actor actor, Guid projectId, DecisionSpec spec)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        var now = time.GetUtcNow();
        var created = DecisionRules.Check(spec, now);
        await AgendaLinks.EnsureOnAgenda(GrainFactory, actor, projectId, created.AgendaItemIds);
        if (Exists)
        {
            throw DomainException.Conflict("This decision already exists.");
        }

        // The reminder and the project's list come first: should the write then fail, the reminder finds
        // no decision and the list skips it, whereas a decision written without them would never close.
        await this.RegisterOrUpdateReminder(CloseReminder, created.ClosesAt - now, RetryPeriod);
        await GrainFactory.ProjectList(projectId, ProjectListKind.Decisions).Add(Id);
        if (Exists)
        {
            throw DomainException.Conflict("This decision already exists.");
        }

        var decision = created with
        {
            ProjectId = projectId,
            Status = DecisionStatus.Open,
            VoterKeySecret = created.Anonymous ? AnonymityKey.NewSalt() : null,
            CreatedBy = actor.PersonId,
            CreatedWith = actor.SupportedBy,
            CreatedAt = now,
        };
        RaiseEvent(new DecisionCreated(
            Id, projectId, decision.Title, decision.Method, decision.Options, decision.OpensAt, decision.ClosesAt,
            decision.Quorum, decision.Anonymous, decision.HideResultsUntilClose, actor.PersonId, actor.SupportedBy,
            decision.AgendaItemIds));
        await state.Commit(decision);
        return Current();
    }

    public async Task<Versioned<DecisionView>> Get(Actor actor, Guid projectId)
    {
        await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureInProject(projectId);
        return Current();
    }

    public Task<DecisionView?> LiveView() => Task.FromResult(Exists ? Current().Value : null);

    public Task<DecisionSummary?> Summary() => Task.FromResult(Exists
        ? new DecisionSummary(Id, S.Title, S.Method, S.Status, S.OpensAt, S.ClosesAt, ShownVoters, S.CreatedAt)
        : null);

    /// <summary>Called after the last await: the decision must exist and belong to the project in the request.</summary>
    private void EnsureInProject(Guid projectId)
    {
        if (!Exists || S.ProjectId != projectId)
        {
            throw DomainException.NotFound("The decision");
        }
    }

    private bool ResultsVisible => S.Status != DecisionStatus.Open || (!S.HideResultsUntilClose && !S.Anonymous);

    /// <summary>
    /// While an anonymous decision is open nothing that moves with each ballot is shown (results, the number of
    /// voters, the version), so nobody can tell a ballot's choice by reading before and after it; all appear at close.
    /// </summary>
    private bool CountsHidden => S.Anonymous && S.Status == DecisionStatus.Open;

    private int? ShownVoters => CountsHidden ? null : S.Ballots.Count;

    private long ShownVersion => CountsHidden ? S.Version - S.BallotWrites : S.Version;

    private DecisionResults Count() => DecisionCount.Results(
        S.Method,
        S.Options,
        S.Quorum,
        [.. S.Ballots.Values.Select(b => new CountedBallot(b.Ballot, b.LivedExperience, b.PersonId))]);

    /// <summary>
    /// The count as shown, on every path (the view, the live tally, the close pushed to the session). Voters with
    /// lived experience appear only once the decision is closed (while it is open the count would move with each
    /// ballot, and a named decision lists who cast it) and only where neither they nor the other voters are 1 to 4
    /// people; whether the quorum was met is said only where it tells no more than that (<see cref="QuorumDisclosure"/>).
    /// </summary>
    private DecisionResults Published(DecisionResults results)
    {
        var open = S.Status == DecisionStatus.Open;
        var lived = results.VotersWithLivedExperience ?? 0;
        var (met, withheld) = QuorumDisclosure.Shown(S.Quorum, results.Voters, lived, open);
        var shown = results with { QuorumMet = met, QuorumWithheld = withheld };
        return open switch
        {
            true => shown with { VotersWithLivedExperience = null, LivedExperienceSuppressed = ShownAtClose },
            false when Suppression.SafeShare(lived, results.Voters) => shown,
            false => shown with { VotersWithLivedExperience = null, LivedExperienceSuppressed = Suppression.SmallCountReason },
        };
    }

    private const string ShownAtClose = "Shown when the decision closes: a count that moved with each ballot could tell whose ballot it was.";

    private Versioned<DecisionView> Current()
    {
        var visible = ResultsVisible;
        var results = !visible ? null : Published(S.FinalResults ?? Count());
        List<VoteRecord> votes = visible && !S.Anonymous
            ? [.. S.Ballots.Values.Where(b => b.PersonId is not null).Select(b => new VoteRecord(b.PersonId!.Value, b.SupportedBy, b.Ballot, b.CastAt))]
            : [];
        return new(
            new DecisionView(
                Id, S.ProjectId, S.Title, S.Description, S.Method, S.Options, S.OpensAt, S.ClosesAt, S.Quorum, S.Anonymous,
                S.HideResultsUntilClose, S.DotsPerPerson, S.MinScore, S.MaxScore, S.Status, ShownVoters, results, votes,
                S.Outcome, S.CreatedBy, S.CreatedAt, S.ClosedAt, S.ClosedBy, S.ReviewDueAt, S.AgendaItemIds),
            ShownVersion);
    }
}
