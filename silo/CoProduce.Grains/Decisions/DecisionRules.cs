using System.Globalization;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Decisions;

/// <summary>Checks what a facilitator asks for when creating a decision, and gives it back cleaned.</summary>
internal static class DecisionRules
{
    public const int MinOptions = 2;
    public const int MaxOptions = 20;
    public const int MaxDotsPerPerson = 50;
    public const int ScoreLimit = 100;
    public const int MaxQuorum = 10_000;
    public const int MaxAgendaItems = 50;
    public static readonly TimeSpan LongestOpen = TimeSpan.FromDays(366);

    public static DecisionState Check(DecisionSpec spec, DateTimeOffset now)
    {
        var title = Text.Required(spec.Title, "title");
        var description = Text.Optional(spec.Description, "description");
        if (!Enum.IsDefined(spec.Method))
        {
            throw DomainException.Invalid("method", "method must be Consent, ChooseOne, RankedChoice, DotVote, Score or TimePoll.");
        }

        var options = Options(spec.Method, spec.Options ?? []);

        // Opening in the past means opening now: votes before creation cannot exist.
        var opensAt = spec.OpensAt is { } at && at > now ? at : now;
        if (spec.ClosesAt <= now || spec.ClosesAt <= opensAt)
        {
            throw DomainException.Invalid("closesAt", "closesAt must be in the future and after opensAt.");
        }

        if (spec.ClosesAt > now + LongestOpen)
        {
            throw DomainException.Invalid("closesAt", $"A decision may stay open for at most {LongestOpen.TotalDays} days.");
        }

        var quorum = spec.Quorum ?? new Quorum(0, 0);
        if (quorum.MinimumVoters is < 0 or > MaxQuorum || quorum.MinimumWithLivedExperience is < 0 or > MaxQuorum)
        {
            throw DomainException.Invalid("quorum", $"Quorum numbers must be between 0 and {MaxQuorum}.");
        }

        var (dots, minScore, maxScore) = MethodSettings(spec);
        return new DecisionState
        {
            AgendaItemIds = AgendaItems(spec.AgendaItemIds ?? []),
            Title = title,
            Description = description,
            Method = spec.Method,
            Options = options,
            OpensAt = opensAt,
            ClosesAt = spec.ClosesAt,
            Quorum = quorum,
            Anonymous = spec.Anonymous,
            HideResultsUntilClose = spec.HideResultsUntilClose,
            DotsPerPerson = dots,
            MinScore = minScore,
            MaxScore = maxScore,
        };
    }

    /// <summary>The agenda items named, each once; whether they are the project's is asked of its agenda.</summary>
    private static List<Guid> AgendaItems(IReadOnlyList<Guid> ids)
    {
        if (ids.Count > MaxAgendaItems)
        {
            throw DomainException.Invalid("agendaItemIds", $"A decision takes up at most {MaxAgendaItems} agenda items.");
        }

        if (ids.Distinct().Count() != ids.Count)
        {
            throw DomainException.Invalid("agendaItemIds", "Each agenda item may be named once.");
        }

        return [.. ids];
    }

    private static List<DecisionOption> Options(DecisionMethod method, IReadOnlyList<string> labels)
    {
        if (method == DecisionMethod.Consent)
        {
            return labels.Count == 0
                ? []
                : throw DomainException.Invalid("options", "A consent proposal has no options: people agree, abstain, disagree or block.");
        }

        if (labels.Count is < MinOptions or > MaxOptions)
        {
            throw DomainException.Invalid("options", $"A {method} decision needs {MinOptions} to {MaxOptions} options.");
        }

        var cleaned = labels.Select(l => method == DecisionMethod.TimePoll ? Time(l) : Text.Required(l, "options")).ToList();
        if (cleaned.Distinct(StringComparer.OrdinalIgnoreCase).Count() != cleaned.Count)
        {
            throw DomainException.Invalid("options", "Each option must be different from the others.");
        }

        return [.. cleaned.Select(l => new DecisionOption(Guid.NewGuid(), l))];
    }

    /// <summary>A time poll's option is a date and time with its offset, kept in UTC so equal times compare equal.</summary>
    private static string Time(string? label) =>
        DateTimeOffset.TryParse(label, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && label!.Contains('T', StringComparison.Ordinal)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : throw DomainException.Invalid("options", "Each option of a time poll must be a date and time such as 2026-03-14T14:00:00Z.");

    private static (int? Dots, int? MinScore, int? MaxScore) MethodSettings(DecisionSpec spec)
    {
        if (spec.Method != DecisionMethod.DotVote && spec.DotsPerPerson is not null)
        {
            throw DomainException.Invalid("dotsPerPerson", "dotsPerPerson is only for a dot vote.");
        }

        if (spec.Method != DecisionMethod.Score && (spec.MinScore is not null || spec.MaxScore is not null))
        {
            throw DomainException.Invalid("minScore", "minScore and maxScore are only for a score vote.");
        }

        if (spec.Method == DecisionMethod.DotVote)
        {
            return spec.DotsPerPerson is >= 1 and <= MaxDotsPerPerson
                ? (spec.DotsPerPerson, null, null)
                : throw DomainException.Invalid("dotsPerPerson", $"A dot vote needs dotsPerPerson between 1 and {MaxDotsPerPerson}.");
        }

        if (spec.Method == DecisionMethod.Score)
        {
            var (min, max) = (spec.MinScore ?? 0, spec.MaxScore ?? 5);
            return min >= -ScoreLimit && max <= ScoreLimit && min < max
                ? (null, min, max)
                : throw DomainException.Invalid("maxScore", $"Scores run from minScore to maxScore, with minScore below maxScore, both within ±{ScoreLimit}.");
        }

        return (null, null, null);
    }
}
