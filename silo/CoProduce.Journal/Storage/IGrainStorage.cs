using CoProduce.Journal.Events;

namespace CoProduce.Journal.Storage;

/// <summary>
/// Durable storage for grain state, the append-only journal and reminders. One implementation runs on
/// SQLite and PostgreSQL; every write that could race is guarded by a version so nothing is lost.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Which provider this is, for logs and health output.</summary>
    string ProviderName { get; }

    /// <summary>Creates or upgrades the schema. Idempotent; safe when several nodes start at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Throws when the database cannot be reached.</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>The stored state, or null when no row exists.</summary>
    Task<StoredState?> ReadStateAsync(StateKey key, CancellationToken cancellationToken);

    /// <summary>The stored version of a state as an ETag (null when no row exists), without its payload.</summary>
    async Task<string?> ReadEtagAsync(StateKey key, CancellationToken cancellationToken) =>
        (await ReadStateAsync(key, cancellationToken))?.Etag;

    /// <summary>
    /// Writes <paramref name="json"/> (null clears it, leaving a tombstone) when the stored version equals
    /// <paramref name="expectedEtag"/> (null: no row yet), and appends <paramref name="events"/> to the
    /// journal in the same transaction. Returns the new ETag. Throws
    /// <see cref="Orleans.Storage.InconsistentStateException"/> when the version or a journal
    /// sequence number was taken; then nothing is written.
    /// </summary>
    Task<string> WriteStateAsync(StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken);

    /// <summary>Appends events alone; throws InconsistentStateException when a sequence number was taken.</summary>
    Task AppendJournalAsync(IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken);

    /// <summary>The highest sequence number journalled for a grain, 0 when none.</summary>
    Task<long> ReadLastSequenceAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Journal entries of one grain after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<GrainEvent>> ReadJournalAsync(string grainType, string grainKey, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a reminder.</summary>
    Task UpsertReminderAsync(ReminderRow reminder, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; false when there was none.</summary>
    Task<bool> DeleteReminderAsync(string grainType, string grainKey, string name, CancellationToken cancellationToken);

    /// <summary>The reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderRow>> ReadRemindersAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Reminders due at or before <paramref name="nowMs"/> (Unix milliseconds), earliest first.</summary>
    Task<IReadOnlyList<ReminderRow>> ReadDueRemindersAsync(long nowMs, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a due reminder to <paramref name="nextDueMs"/> if nobody else has since <paramref name="reminder"/>
    /// was read. Exactly one node wins each tick.
    /// </summary>
    Task<bool> TryClaimReminderAsync(ReminderRow reminder, long nextDueMs, CancellationToken cancellationToken);
}

/// <summary>Addresses one named state of one grain.</summary>
public readonly record struct StateKey(string GrainType, string GrainKey, string StateName);

/// <summary>A stored state row. <see cref="Json"/> is null for a cleared (tombstoned) record.</summary>
public sealed record StoredState(string? Json, string Etag, DateTimeOffset ModifiedAt);

/// <summary>An event to append at a given per-grain sequence number.</summary>
public sealed record JournalAppend(string GrainType, string GrainKey, long Sequence, string EventType, string Json, DateTimeOffset RecordedAt);

/// <summary>A durable reminder. <see cref="Version"/> guards claims so one node fires each tick.</summary>
public sealed record ReminderRow(string GrainType, string GrainKey, string Name, long PeriodMs, long NextDueMs, long Version);
