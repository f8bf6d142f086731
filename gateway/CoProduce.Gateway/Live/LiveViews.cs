using System.Text.Json;
using CoProduce.Grains.Live;
using CoProduce.Live;
using CoProduce.Journal.Events;

namespace CoProduce.Gateway.Live;

/// <summary>
/// Journal entries as pushed messages, and what each audience sees: facilitators everything; everyone
/// else no access needs, no pace-signal senders and no pace counts.
/// </summary>
internal static class LiveViews
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static LiveMessage Message(GrainEvent entry)
    {
        var recorded = JsonSerializer.Deserialize<LiveRecorded>(entry.Json, Json)
            ?? throw new InvalidOperationException($"Live journal entry {entry.Sequence} is empty.");
        return new LiveMessage(entry.Sequence, entry.RecordedAt, recorded.Event);
    }

    /// <summary>Whether people who do not facilitate see less of this event than facilitators.</summary>
    public static bool TrimsForOthers(LiveEvent e) => e is PersonJoined or PaceSignalled;

    public static LiveMessage For(LiveMessage message, bool facilitator) => facilitator
        ? message
        : message with
        {
            Event = message.Event switch
            {
                PersonJoined joined => joined with { AccessNeeds = null },
                PaceSignalled pace => pace with { PersonId = null, Counts = null },
                var other => other,
            },
        };

    public static LiveSnapshot For(LiveSnapshot snapshot, bool facilitator) => facilitator
        ? snapshot
        : snapshot with { Present = WithoutAccessNeeds(snapshot.Present), Pace = null };

    public static PresencePage For(PresencePage page, bool facilitator) => facilitator
        ? page
        : page with { People = WithoutAccessNeeds(page.People) };

    private static PresentPerson[] WithoutAccessNeeds(IReadOnlyList<PresentPerson> people) =>
        [.. people.Select(p => p with { AccessNeeds = null })];
}
