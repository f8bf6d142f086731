using CoProduce.Grains.Projects;
using CoProduce.Journal.Events;
using CoProduce.Live;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    private const int RelayBatch = 200;

    public async Task Relay(IReadOnlyList<GrainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var source in events.GroupBy(e => e.Grain))
        {
            // A source first seen now is relayed from the first event handed over, not from its beginning.
            var handed = source.OrderBy(e => e.Sequence).ToList();
            await RelaySource(source.Key, handed[0].Sequence - 1, handed[^1].Sequence, handed);
        }
    }

    /// <summary>
    /// On activation: relays what the project's agenda and decisions journalled after the positions reached, so
    /// events whose relay never arrived (the node that committed them stopped first) are not left waiting for the
    /// source's next change. A source never relayed is read from its beginning. A failed read leaves the rest to
    /// the next relay; a failed write fails the activation, so the next call reads the state afresh.
    /// </summary>
    private async Task CatchUpRelays()
    {
        IReadOnlyList<Guid> decisions;
        try
        {
            decisions = await GrainFactory.ProjectList(ProjectId, ProjectListKind.Decisions).Ids();
        }
        catch (Exception failure)
        {
            LogCatchUpFailed(logger, ProjectId, failure);
            return;
        }

        var sources = decisions
            .Select(id => new JournalId(LiveTranslation.DecisionType, id.ToString("D")))
            .Prepend(new JournalId(LiveTranslation.AgendaType, ProjectId.ToString("D")));
        foreach (var source in sources)
        {
            await RelaySource(source, 0, long.MaxValue, [], tolerateReadFailure: true);
        }
    }

    /// <summary>Relays <paramref name="source"/> up to <paramref name="upTo"/>, from its position (or <paramref name="unknownAfter"/> when it has none).</summary>
    private async Task RelaySource(JournalId source, long unknownAfter, long upTo, IReadOnlyList<GrainEvent> handed, bool tolerateReadFailure = false)
    {
        var key = $"{source.Type}/{source.Key}";
        while (true)
        {
            var after = S.Relayed.TryGetValue(key, out var done) ? done : unknownAfter;
            if (after >= upTo)
            {
                return;
            }

            // The events handed over are used as they are when they follow on from the position reached
            // (the usual case: no journal read); a gap (a relay that failed, a restart) is read from the journal.
            IReadOnlyList<GrainEvent> batch;
            IReadOnlyList<LiveEvent> events;
            try
            {
                batch = Following(handed, after) ?? await ReadSource(source, after);
                if (batch.Count == 0)
                {
                    return;
                }

                events = await LiveTranslation.TranslateAsync(batch, GrainFactory);
            }
            catch (Exception failure) when (tolerateReadFailure)
            {
                LogCatchUpFailed(logger, ProjectId, failure);
                return;
            }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up the live session of project {ProjectId} with its agenda and decisions failed; the next relay reads what is missing")]
    private static partial void LogCatchUpFailed(ILogger logger, Guid projectId, Exception exception);
}
