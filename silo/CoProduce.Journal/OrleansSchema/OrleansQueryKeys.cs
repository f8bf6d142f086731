namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// The query keys Orleans 10.4.2 reads from <c>OrleansQuery</c>, checked against the shipped assemblies
/// (lib/net10.0 and lib/net8.0 of Microsoft.Orleans.{Persistence,Reminders,Clustering}.AdoNet 10.4.2, identical):
/// <c>strings -a</c> lists the <c>get_…Key</c> properties of each internal DbStoredQueries class (the required keys),
/// <c>strings -el</c> the UTF-16 literals (parameter names and the optional keys). Result, 2026-12-07:
/// <list type="bullet">
/// <item>Persistence: reads WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (each exactly once) and the optional
/// DeleteStorageKey, which only <c>DeleteStateOnClear = true</c> uses. Parameters: GrainIdHash, GrainIdN0, GrainIdN1,
/// GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, GrainStateVersion, PayloadBinary; result
/// columns PayloadBinary, Version, NewGrainStateVersion.</item>
/// <item>Reminders (all required): ReadReminderRowsKey, ReadRangeRows1Key, ReadRangeRows2Key, ReadReminderRowKey,
/// UpsertReminderRowKey, DeleteReminderRowKey, DeleteReminderRowsKey. Parameters: ServiceId, GrainId, GrainHash,
/// ReminderName, StartTime, Period, Version, BeginHash, EndHash.</item>
/// <item>Clustering (all required): GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey,
/// InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey, UpdateMembershipKey,
/// DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey; optional CleanupDefunctSiloEntryKey, which 10.4.2
/// prefers when present (per dead row, after its own read of the table). Parameters: DeploymentId, Address, Port,
/// Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version.</item>
/// </list>
/// Behaviour of 10.4.2 the texts rely on (read from the decompiled provider): a write or clear is a conflict
/// (InconsistentStateException) when the answer equals the sent ETag, is NULL, or is missing while an ETag was sent,
/// and also when no row answers a first write; a read sets RecordExists only when PayloadBinary is not NULL, so a
/// cleared row reads as "no record" with its version as the ETag.
/// We install DeleteStorageKey deliberately NOT: deleting the row on clear would forget the version, and a stale
/// writer could then recreate state; without the key, <c>DeleteStateOnClear = true</c> fails at start-up.
/// </summary>
internal static class OrleansQueryKeys
{
    public const string WriteToStorage = "WriteToStorageKey";
    public const string ReadFromStorage = "ReadFromStorageKey";
    public const string ClearStorage = "ClearStorageKey";

    public const string ReadReminderRows = "ReadReminderRowsKey";
    public const string ReadReminderRow = "ReadReminderRowKey";
    public const string ReadRangeRows1 = "ReadRangeRows1Key";
    public const string ReadRangeRows2 = "ReadRangeRows2Key";
    public const string UpsertReminderRow = "UpsertReminderRowKey";
    public const string DeleteReminderRow = "DeleteReminderRowKey";
    public const string DeleteReminderRows = "DeleteReminderRowsKey";

    public const string InsertMembershipVersion = "InsertMembershipVersionKey";
    public const string MembershipReadAll = "MembershipReadAllKey";
    public const string MembershipReadRow = "MembershipReadRowKey";
    public const string InsertMembership = "InsertMembershipKey";
    public const string UpdateMembership = "UpdateMembershipKey";
    public const string UpdateIAmAlivetime = "UpdateIAmAlivetimeKey";
    public const string Gateways = "GatewaysQueryKey";
    public const string DeleteMembershipTableEntries = "DeleteMembershipTableEntriesKey";
    public const string CleanupDefunctSiloEntries = "CleanupDefunctSiloEntriesKey";
    public const string CleanupDefunctSiloEntry = "CleanupDefunctSiloEntryKey";
}
