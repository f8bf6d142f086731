namespace CoProduce.Grains.Decisions.Counting;

/// <summary>One voter's counted ballot: what they chose, whether they have lived experience, and who they are when the decision is open.</summary>
internal sealed record CountedBallot(Ballot Ballot, bool LivedExperience, Guid? PersonId);

/// <summary>Counts a decision by its method, checks the quorum and lists the dissent.</summary>
internal static class DecisionCount
{
    public static DecisionResults Results(DecisionMethod method, IReadOnlyList<DecisionOption> options, Quorum quorum, IReadOnlyList<CountedBallot> counted)
    {
        var ballots = counted.Select(c => c.Ballot).ToList();
        var count = method switch
        {
            DecisionMethod.Consent => ConsentCount.Tally(ballots),
            DecisionMethod.ChooseOne => PluralityCount.Tally(options, ballots),
            DecisionMethod.RankedChoice => InstantRunoff.Tally(options, ballots),
            DecisionMethod.DotVote => DotVoteCount.Tally(options, ballots),
            DecisionMethod.Score => ScoreCount.Tally(options, ballots),
            DecisionMethod.TimePoll => TimePollCount.Tally(options, ballots),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown decision method."),
        };
        var lived = counted.Count(c => c.LivedExperience);
        var quorumMet = counted.Count >= quorum.MinimumVoters && lived >= quorum.MinimumWithLivedExperience;

        // Every disagreement and block is listed with its reason, however the count came out.
        List<Dissent> dissent = [.. counted
            .Where(c => c.Ballot.Position is ConsentPosition.Disagree or ConsentPosition.Block)
            .Select(c => new Dissent(c.Ballot.Position!.Value, c.Ballot.Reason, c.PersonId))];
        return new DecisionResults(
            counted.Count, lived, quorumMet, count.Consent, count.Options, count.Winners, count.Winners.Count > 1, count.Rounds, dissent);
    }
}
