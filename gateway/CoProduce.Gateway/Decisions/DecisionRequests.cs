using CoProduce.Grains.Decisions;

namespace CoProduce.Gateway.Decisions;

/// <summary>A proposal to put to the project.</summary>
/// <param name="Title">What is being decided, up to 200 characters.</param>
/// <param name="Description">The proposal in full, up to 4,000 characters.</param>
/// <param name="Method">Consent, ChooseOne, RankedChoice, DotVote, Score or TimePoll.</param>
/// <param name="ClosesAt">When voting closes (in the future, within a year); it closes by itself then.</param>
/// <param name="Options">2-20 options (none for Consent); for a TimePoll each is a date and time such as 2026-03-14T14:00:00Z.</param>
/// <param name="OpensAt">When voting opens; now if absent or past.</param>
/// <param name="MinimumVoters">Quorum: how many must vote for the result to count (default 0).</param>
/// <param name="MinimumWithLivedExperience">Quorum: how many of them must have lived experience (default 0).</param>
/// <param name="Anonymous">Nobody, staff included, can see who voted what; only counts are shown, and only once voting closes.</param>
/// <param name="HideResultsUntilClose">Counts are shown only once voting closes.</param>
/// <param name="DotsPerPerson">DotVote only: dots each person places (1-50).</param>
/// <param name="MinScore">Score only: the lowest score (default 0).</param>
/// <param name="MaxScore">Score only: the highest score (default 5).</param>
/// <param name="AgendaItemIds">The ids of items on the project's agenda that this decision takes up (up to 50, each once), so each can be traced to it.</param>
public sealed record DecisionRequest(
    string Title,
    DecisionMethod Method,
    DateTimeOffset ClosesAt,
    string? Description = null,
    IReadOnlyList<string>? Options = null,
    DateTimeOffset? OpensAt = null,
    int? MinimumVoters = null,
    int? MinimumWithLivedExperience = null,
    bool? Anonymous = null,
    bool? HideResultsUntilClose = null,
    int? DotsPerPerson = null,
    int? MinScore = null,
    int? MaxScore = null,
    IReadOnlyList<Guid>? AgendaItemIds = null)
{
    public DecisionSpec ToSpec() => new(
        Title,
        Description,
        Method,
        Options ?? [],
        OpensAt,
        ClosesAt,
        new Quorum(MinimumVoters ?? 0, MinimumWithLivedExperience ?? 0),
        Anonymous ?? false,
        HideResultsUntilClose ?? false,
        DotsPerPerson,
        MinScore,
        MaxScore,
        AgendaItemIds ?? []);
}

/// <summary>Your vote, replacing any you cast before; give only the part for the decision's method.</summary>
/// <param name="Position">Consent: Agree, Abstain, Disagree or Block.</param>
/// <param name="Reason">Consent: why; required for a Block (up to 4,000 characters).</param>
/// <param name="Choice">ChooseOne: the option id.</param>
/// <param name="Ranking">RankedChoice: option ids, first choice first, each at most once.</param>
/// <param name="Dots">DotVote: option id to dots, adding up to at most the dots each person has.</param>
/// <param name="Scores">Score: option id to score, for every option.</param>
/// <param name="Availability">TimePoll: option id to Yes, Maybe or No; times left out are No.</param>
public sealed record BallotRequest(
    ConsentPosition? Position = null,
    string? Reason = null,
    Guid? Choice = null,
    IReadOnlyList<Guid>? Ranking = null,
    IReadOnlyDictionary<Guid, int>? Dots = null,
    IReadOnlyDictionary<Guid, int>? Scores = null,
    IReadOnlyDictionary<Guid, Availability>? Availability = null)
{
    public Ballot ToBallot() => new(Position, Reason, Choice, Ranking, Dots, Scores, Availability);
}

/// <summary>What was decided and when to look at it again.</summary>
/// <param name="Statement">The outcome in plain words, up to 4,000 characters.</param>
/// <param name="ReviewDate">When the decision comes back for review (in the future, within five years).</param>
public sealed record OutcomeRequest(string Statement, DateTimeOffset ReviewDate);
