using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Decisions;

/// <summary>
/// Whether a decision may say that its quorum was met. A quorum with a lived-experience part says something about how
/// many voters have lived experience, so it is said only when that says nothing the small-count rule hides: when the
/// number of voters alone settles it (no lived-experience part, or fewer voters than either minimum: not met), or, once
/// the decision is closed, when the count of voters with lived experience is itself shown (it and the other voters
/// each none or at least 5). Otherwise it is null, with the reason. While a decision is open it is never said from the
/// lived-experience part, as it would flip with one voter's ballot and show whether that voter has lived experience.
/// The decision's view, its live tally and the power-balance report all take it from here.
/// </summary>
public static class QuorumDisclosure
{
    public const string WhileOpen =
        "Said when the decision closes: while it is open, a quorum of people with lived experience that changed with one ballot would show whether that voter has it.";

    public const string Withheld =
        "Not said: fewer than 5 voters with lived experience, or fewer than 5 without it, and whether the quorum was met would tell how many.";

    /// <summary>Whether the quorum was met, as it may be shown, and why not when it may not.</summary>
    public static (bool? Met, string? Withheld) Shown(Quorum quorum, int voters, int withLivedExperience, bool open)
    {
        var met = voters >= quorum.MinimumVoters && withLivedExperience >= quorum.MinimumWithLivedExperience;
        if (quorum.MinimumWithLivedExperience <= 0 || voters < quorum.MinimumVoters || voters < quorum.MinimumWithLivedExperience)
        {
            return (met, null);
        }

        if (open)
        {
            return (null, WhileOpen);
        }

        return Suppression.SafeShare(withLivedExperience, voters) ? (met, null) : (null, Withheld);
    }
}
