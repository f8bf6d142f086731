using CoProduce.Grains.Agenda;
using CoProduce.Grains.Decisions;
using CoProduce.Live;

namespace CoProduce.Gateway.Live;

/// <summary>Between the hub's wire records and the grains' own.</summary>
internal static class LiveMapping
{
    public static LiveAgendaItem Item(AgendaItem item) => new(
        item.Id, item.Title, item.Description, item.EasyReadSummary, item.ProposedBy, item.SupportedBy, item.ProposerRole.ToString(), item.Version, item.Withdrawn);

    public static Ballot Ballot(LiveBallot ballot) => new(
        Parse<ConsentPosition>(ballot.Position, "position"),
        ballot.Reason,
        ballot.Choice,
        ballot.Ranking,
        ballot.Dots,
        ballot.Scores,
        ballot.Availability?.ToDictionary(a => a.Key, a => Parse<Availability>(a.Value, "availability")!.Value));

    private static T? Parse<T>(string? value, string field)
        where T : struct, Enum =>
        value is null
            ? null
            : Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value[0])
                ? parsed
                : throw LiveRequests.Invalid($"{field} must be one of {string.Join(", ", Enum.GetNames<T>())}.");
}
