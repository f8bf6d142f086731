using CoProduce.Grains.Common;

namespace CoProduce.Grains.Decisions;

/// <summary>Checks a ballot against its decision's method and options, and gives it back cleaned (only the method's part).</summary>
internal static class BallotRules
{
    public static Ballot Check(DecisionState decision, Ballot ballot)
    {
        var method = decision.Method;
        Refuse(method != DecisionMethod.Consent && (ballot.Position is not null || ballot.Reason is not null), "position", method);
        Refuse(method != DecisionMethod.ChooseOne && ballot.Choice is not null, "choice", method);
        Refuse(method != DecisionMethod.RankedChoice && ballot.Ranking is { Count: > 0 }, "ranking", method);
        Refuse(method != DecisionMethod.DotVote && ballot.Dots is { Count: > 0 }, "dots", method);
        Refuse(method != DecisionMethod.Score && ballot.Scores is { Count: > 0 }, "scores", method);
        Refuse(method != DecisionMethod.TimePoll && ballot.Availability is { Count: > 0 }, "availability", method);
        var options = decision.Options.Select(o => o.Id).ToHashSet();
        return method switch
        {
            DecisionMethod.Consent => Consent(ballot),
            DecisionMethod.ChooseOne => new Ballot(Choice: Known(ballot.Choice ?? throw Missing("choice"), options, "choice")),
            DecisionMethod.RankedChoice => Ranked(ballot.Ranking ?? [], options),
            DecisionMethod.DotVote => Dots(ballot.Dots ?? new Dictionary<Guid, int>(), options, decision.DotsPerPerson ?? 0),
            DecisionMethod.Score => Scores(ballot.Scores ?? new Dictionary<Guid, int>(), decision),
            _ => TimePoll(ballot.Availability ?? new Dictionary<Guid, Availability>(), decision),
        };
    }

    /// <summary>Whether two cleaned ballots say the same thing, collections compared by content.</summary>
    public static bool Same(Ballot a, Ballot b) =>
        a.Position == b.Position
        && a.Reason == b.Reason
        && a.Choice == b.Choice
        && (a.Ranking ?? []).SequenceEqual(b.Ranking ?? [])
        && SameEntries(a.Dots, b.Dots)
        && SameEntries(a.Scores, b.Scores)
        && SameEntries(a.Availability, b.Availability);

    private static bool SameEntries<T>(IReadOnlyDictionary<Guid, T>? a, IReadOnlyDictionary<Guid, T>? b)
    {
        a ??= new Dictionary<Guid, T>();
        b ??= new Dictionary<Guid, T>();
        return a.Count == b.Count && a.All(entry => b.TryGetValue(entry.Key, out var other) && EqualityComparer<T>.Default.Equals(entry.Value, other));
    }

    private static Ballot Consent(Ballot ballot)
    {
        var position = ballot.Position ?? throw Missing("position");
        if (!Enum.IsDefined(position))
        {
            throw DomainException.Invalid("position", "position must be Agree, Abstain, Disagree or Block.");
        }

        // A block stops the proposal, so the group must be able to hear why.
        var reason = position == ConsentPosition.Block
            ? Text.Required(ballot.Reason, "reason", Text.ParagraphLength)
            : Text.Optional(ballot.Reason, "reason");
        return new Ballot(Position: position, Reason: reason);
    }

    private static Ballot Ranked(IReadOnlyList<Guid> ranking, HashSet<Guid> options)
    {
        if (ranking.Count == 0)
        {
            throw Missing("ranking");
        }

        if (ranking.Distinct().Count() != ranking.Count)
        {
            throw DomainException.Invalid("ranking", "Each option may appear in your ranking only once.");
        }

        return new Ballot(Ranking: [.. ranking.Select(o => Known(o, options, "ranking"))]);
    }

    private static Ballot Dots(IReadOnlyDictionary<Guid, int> dots, HashSet<Guid> options, int dotsPerPerson)
    {
        long total = 0;
        foreach (var (option, count) in dots)
        {
            Known(option, options, "dots");
            total += count >= 0 ? count : throw DomainException.Invalid("dots", "Dots on an option cannot be fewer than none.");
        }

        if (total == 0 || total > dotsPerPerson)
        {
            throw DomainException.Invalid("dots", $"Place between 1 and {dotsPerPerson} dots; these add up to {total}.");
        }

        return new Ballot(Dots: dots.Where(d => d.Value > 0).ToDictionary());
    }

    private static Ballot Scores(IReadOnlyDictionary<Guid, int> scores, DecisionState decision)
    {
        var options = decision.Options.Select(o => o.Id).ToHashSet();
        foreach (var (option, score) in scores)
        {
            Known(option, options, "scores");
            if (score < decision.MinScore || score > decision.MaxScore)
            {
                throw DomainException.Invalid("scores", $"Each score must be from {decision.MinScore} to {decision.MaxScore}.");
            }
        }

        // Every option scored by everyone keeps totals and means over the same people.
        return scores.Count == options.Count
            ? new Ballot(Scores: scores.ToDictionary())
            : throw DomainException.Invalid("scores", "Give every option a score.");
    }

    private static Ballot TimePoll(IReadOnlyDictionary<Guid, Availability> answers, DecisionState decision)
    {
        var options = decision.Options.Select(o => o.Id).ToHashSet();
        foreach (var (option, answer) in answers)
        {
            Known(option, options, "availability");
            if (!Enum.IsDefined(answer))
            {
                throw DomainException.Invalid("availability", "Each answer must be Yes, Maybe or No.");
            }
        }

        // A time not answered is a time that does not work, said explicitly so the record is complete.
        return new Ballot(Availability: decision.Options.ToDictionary(o => o.Id, o => answers.GetValueOrDefault(o.Id, Availability.No)));
    }

    private static Guid Known(Guid option, HashSet<Guid> options, string field) =>
        options.Contains(option) ? option : throw DomainException.Invalid(field, $"{option} is not an option of this decision.");

    private static void Refuse(bool given, string field, DecisionMethod method)
    {
        if (given)
        {
            throw DomainException.Invalid(field, $"{field} is not part of a {method} ballot.");
        }
    }

    private static DomainException Missing(string field) => DomainException.Invalid(field, $"{field} is required for this decision's ballot.");
}
