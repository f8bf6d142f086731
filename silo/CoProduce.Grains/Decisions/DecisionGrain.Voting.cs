using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Telemetry;

namespace CoProduce.Grains.Decisions;

/// <summary>Voting: contributors and facilitators cast or change their vote between opening and closing.</summary>
public sealed partial class DecisionGrain
{
    public async Task<MyBallot> Vote(Actor actor, Guid projectId, Ballot ballot)
    {
        // Anonymous: nothing this call causes (access checks, the profile read, storage) names the voter in telemetry.
        using var unattributed = Unattributed.When(S.Anonymous);
        await GrainFactory.EnsureTakesPart(actor, projectId, TakesPartRefusal);

        // Lived experience comes from the person's own profile, for the quorum; it is read at each vote.
        var livedExperience = await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).LivedExperience();
        EnsureInProject(projectId);
        var now = time.GetUtcNow();
        EnsureVotingOpen(now);
        var cleaned = BallotRules.Check(S, ballot);

        // Anonymous: the ballot is filed under a keyed hash and neither the state nor the journal says who cast it.
        var key = anonymity.For(actor.PersonId, S.VoterKeySecret);
        if (S.Ballots.TryGetValue(key, out var current) && IsRepeat(current, cleaned, livedExperience, actor))
        {
            // The same vote sent again, typically a retry whose first answer was lost: it stands as
            // first cast and is recorded once, so a vote is never counted or journalled twice.
            return new MyBallot(true, current.Ballot, current.CastAt);
        }

        var stored = S.Anonymous
            ? new StoredBallot(cleaned, livedExperience, null, null, now)
            : new StoredBallot(cleaned, livedExperience, actor.PersonId, actor.SupportedBy, now);
        RaiseEvent(S.Anonymous
            ? new VoteCast(Id, S.ProjectId, null, null, null, now)
            : new VoteCast(Id, S.ProjectId, actor.PersonId, actor.SupportedBy, cleaned, now));
        await state.Commit(S with
        {
            Ballots = new Dictionary<string, StoredBallot>(S.Ballots) { [key] = stored },
            BallotWrites = S.BallotWrites + (S.Anonymous ? 1 : 0),
        });
        return new MyBallot(true, cleaned, now);
    }

    public async Task<MyBallot> Mine(Actor actor, Guid projectId)
    {
        using var unattributed = Unattributed.When(S.Anonymous);
        await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureInProject(projectId);
        return S.Ballots.TryGetValue(anonymity.For(actor.PersonId, S.VoterKeySecret), out var mine)
            ? new MyBallot(true, mine.Ballot, mine.CastAt)
            : new MyBallot(false, null, null);
    }

    private bool IsRepeat(StoredBallot current, Ballot ballot, bool livedExperience, Actor actor) =>
        BallotRules.Same(current.Ballot, ballot)
        && current.LivedExperience == livedExperience
        && current.SupportedBy == (S.Anonymous ? null : actor.SupportedBy);

    private void EnsureVotingOpen(DateTimeOffset now)
    {
        if (S.Status != DecisionStatus.Open || now >= S.ClosesAt)
        {
            throw DomainException.Conflict($"Voting on this decision closed at {(S.ClosedAt ?? S.ClosesAt):u}; votes can no longer be cast or changed.");
        }

        if (now < S.OpensAt)
        {
            throw DomainException.Conflict($"Voting on this decision opens at {S.OpensAt:u}.");
        }
    }
}
