using CoProduce.Grains.Decisions.Counting;
using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Decisions;

/// <summary>The decision for the power-balance report: how voters with and without lived experience chose.</summary>
public sealed partial class DecisionGrain
{
    public const string Passes = "Passes";
    public const string DoesNotPass = "Does not pass";

    public Task<DecisionBalance?> Balance()
    {
        if (!Exists)
        {
            return Task.FromResult<DecisionBalance?>(null);
        }

        var final = S.FinalResults;
        // Each group's choice counts its members' ballots; a group of 1 to 4 (either side) would single them out.
        var compared = final is not null && !S.Anonymous && Suppression.SafeShare(final.VotersWithLivedExperience ?? 0, final.Voters);
        var voters = ShownVoters ?? 0;
        var lived = CountsHidden ? 0 : S.Ballots.Values.Count(b => b.LivedExperience);

        // The report's "lived-experience quorum met" is the lived-experience part alone, said by the decision's own rule.
        var required = S.Quorum.MinimumWithLivedExperience;
        var quorumMet = required <= 0
            ? false
            : QuorumDisclosure.Shown(new Quorum(0, required), voters, lived, S.Status == DecisionStatus.Open).Met;
        return Task.FromResult<DecisionBalance?>(new DecisionBalance(
            Id,
            S.ProjectId,
            S.Title,
            S.Method,
            S.Anonymous,
            S.Status,
            S.ClosedAt,
            S.Quorum,
            voters,
            lived,
            quorumMet,
            final is null ? null : Choice(final),
            compared ? Group(livedExperience: true) : null,
            compared ? Group(livedExperience: false) : null));
    }

    /// <summary>The group's choice by the decision's method on its ballots alone; null when the group cast none.</summary>
    private GroupChoice? Group(bool livedExperience)
    {
        List<CountedBallot> ballots = [.. S.Ballots.Values
            .Where(b => b.LivedExperience == livedExperience)
            .Select(b => new CountedBallot(b.Ballot, b.LivedExperience, b.PersonId))];
        return ballots.Count == 0 ? null : Choice(DecisionCount.Results(S.Method, S.Options, S.Quorum, ballots));
    }

    private GroupChoice Choice(DecisionResults results) => S.Method == DecisionMethod.Consent
        ? new GroupChoice(results.Voters, [results.Consent?.Passes == true ? Passes : DoesNotPass])
        : new GroupChoice(results.Voters, [.. results.Winners
            .Select(w => S.Options.FirstOrDefault(o => o.Id == w)?.Label ?? w.ToString())
            .Order(StringComparer.Ordinal)]);
}
