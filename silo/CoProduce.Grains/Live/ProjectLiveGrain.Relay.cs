using CoProduce.Journal.Events;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    private const int RelayBatch = 200;

    public async Task Relay(IReadOnlyList<GrainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var source in events.GroupBy(e => e.Grain))
        {
            await RelaySource(source.Key, [.. source.OrderBy(e => e.Sequence)]);
        }
    }

    private async Task RelaySource(JournalId source, IReadOnlyList<GrainEvent> handed)
    {
        var key = $"{source.Type}/{source.Key}";
        var upTo = handed[^1].Sequence;
        while (true)
        {
            // A source first seen now is relayed from the first event handed over, not from its beginning.
            var after = S.Relayed.TryGetValue(key, out var done) ? done : handed[0].Sequence - 1;
            if (after >= upTo)
            {
                return;
            }

            // The events handed over are used as they are when they follow on from the position reached
            // (the usual case: no journal read); a gap (a relay that failed, a restart) is read from the journal.
            var batch = Following(handed, after) ?? await ReadSource(source, after);
            if (batch.Count == 0)
            {
                return;
            }

            var events = await LiveTranslation.TranslateAsync(batch, GrainFactory);

            // After the last await: a change relayed by an earlier call is never relayed again.
            if (S.Relayed.GetValueOrDefault(key, after) != after)
            {
                continue;
            }

            await Commit(S with { Relayed = With(S.Relayed, key, batch[^1].Sequence) }, [.. events]);
        }
    }

    /// <summary>The handed events after <paramref name="after"/> if they run on from it without a gap; otherwise null.</summary>
    private static List<GrainEvent>? Following(IReadOnlyList<GrainEvent> handed, long after)
    {
        var following = handed.Where(e => e.Sequence > after).Take(RelayBatch).ToList();
        for (var i = 0; i < following.Count; i++)
        {
            if (following[i].Sequence != after + 1 + i)
            {
                return null;
            }
        }

        return following.Count > 0 ? following : null;
    }
}
