using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    private const int RelayBatch = 200;

    public async Task Relay(string sourceType, Guid sourceKey, long upToSequence)
    {
        var key = $"{sourceType}/{sourceKey:D}";
        var source = new GrainId(sourceType, sourceKey.ToString("D"));
        while (true)
        {
            // A source first seen now is relayed from the event that brought it here, not from its beginning.
            var after = S.Relayed.TryGetValue(key, out var done) ? done : upToSequence - 1;
            if (after >= upToSequence)
            {
                return;
            }

            var batch = await ReadSource(source, after);
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
            if (batch.Count < RelayBatch)
            {
                return;
            }
        }
    }
}
