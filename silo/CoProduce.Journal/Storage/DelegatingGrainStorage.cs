using CoProduce.Journal.Events;

namespace CoProduce.Journal.Storage;

/// <summary>Passes every call to another storage; derive from it to decorate one operation (metrics, fault injection).</summary>
public abstract class DelegatingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public virtual string ProviderName => inner.ProviderName;

    public virtual Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public virtual Task CheckHealthAsync(CancellationToken cancellationToken) => inner.CheckHealthAsync(cancellationToken);

    public virtual Task<StoredState?> ReadStateAsync(StateKey key, CancellationToken cancellationToken) => inner.ReadStateAsync(key, cancellationToken);

    public virtual Task<string?> ReadEtagAsync(StateKey key, CancellationToken cancellationToken) => inner.ReadEtagAsync(key, cancellationToken);

    public virtual Task<string> WriteStateAsync(StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken) =>
        inner.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);

    public virtual Task AppendJournalAsync(IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken) =>
        inner.AppendJournalAsync(events, cancellationToken);

    public virtual Task<long> ReadLastSequenceAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        inner.ReadLastSequenceAsync(grainType, grainKey, cancellationToken);

    public virtual Task<IReadOnlyList<GrainEvent>> ReadJournalAsync(string grainType, string grainKey, long afterSequence, int limit, CancellationToken cancellationToken) =>
        inner.ReadJournalAsync(grainType, grainKey, afterSequence, limit, cancellationToken);

    public virtual Task UpsertReminderAsync(ReminderRow reminder, CancellationToken cancellationToken) => inner.UpsertReminderAsync(reminder, cancellationToken);

    public virtual Task<bool> DeleteReminderAsync(string grainType, string grainKey, string name, CancellationToken cancellationToken) =>
        inner.DeleteReminderAsync(grainType, grainKey, name, cancellationToken);

    public virtual Task<IReadOnlyList<ReminderRow>> ReadRemindersAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        inner.ReadRemindersAsync(grainType, grainKey, cancellationToken);

    public virtual Task<IReadOnlyList<ReminderRow>> ReadDueRemindersAsync(long nowMs, int limit, CancellationToken cancellationToken) =>
        inner.ReadDueRemindersAsync(nowMs, limit, cancellationToken);

    public virtual Task<bool> TryClaimReminderAsync(ReminderRow reminder, long nextDueMs, CancellationToken cancellationToken) =>
        inner.TryClaimReminderAsync(reminder, nextDueMs, cancellationToken);
}
