using CoProduce.Grains.Live;
using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>Storage that refuses one write of a live session's state when asked to.</summary>
internal sealed class FailingLiveWrites(IGrainStorage inner, Func<bool> failNow) : DelegatingGrainStorage(inner)
{
    public override Task<string> WriteStateAsync(
        StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken) =>
        key.GrainType == LiveJournal.GrainType && key.StateName == "live" && failNow()
            ? Task.FromException<string>(new IOException("database unreachable (injected)"))
            : base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);
}
