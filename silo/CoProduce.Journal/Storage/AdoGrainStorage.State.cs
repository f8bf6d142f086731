using Orleans.Storage;
using System.Data.Common;
using System.Globalization;

namespace CoProduce.Journal.Storage;

public sealed partial class AdoGrainStorage
{
    public async Task<StoredState?> ReadStateAsync(StateKey key, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ReadState);
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var version = reader.GetInt64(0);
        var json = reader.IsDBNull(1) ? null : reader.GetString(1);
        return new StoredState(json, FormatEtag(version), _dialect.ReadTimestamp(reader, 2));
    }

    public async Task<string?> ReadEtagAsync(StateKey key, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ReadVersion);
        AddKey(command, key);
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull
            ? FormatEtag(Convert.ToInt64(version, CultureInfo.InvariantCulture))
            : null;
    }

    public async Task<string> WriteStateAsync(
        StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        long? expected = expectedEtag is null ? null : ParseEtag(key, expectedEtag);

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        if (events.Count is > 0 and <= JournalInsertSql.MaxRows
            && _dialect.StateWithJournalSql(expected is null, events.Count) is { } oneStatement)
        {
            await WriteWithJournalAsync(connection, oneStatement, key, json, expected, expectedEtag, events, cancellationToken);
            return FormatEtag((expected ?? 0) + 1);
        }

        // A lone statement is atomic by itself; a transaction (and its extra round trips) is paid only
        // when events must commit together with the state and the database cannot do both in one statement.
        var transaction = events.Count == 0 ? null : await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = connection.CreateCommand(transaction, expected is null ? StorageSql.InsertState : StorageSql.UpdateState))
            {
                AddStateParameters(command, key, json, expected);
                if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw StaleWrite(key, expectedEtag);
                }
            }

            if (transaction is not null)
            {
                await InsertJournalAsync(connection, transaction, events, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            // Disposing an uncommitted transaction rolls it back: a stale version or a journal clash
            // leaves neither the state nor any event behind.
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        return FormatEtag((expected ?? 0) + 1);
    }

    /// <summary>
    /// The state and its events in one statement, one round trip: it appends every event when the state
    /// was written and none when the version was stale; a taken sequence number fails it as a whole.
    /// </summary>
    private async Task WriteWithJournalAsync(
        DbConnection connection, string sql, StateKey key, string? json, long? expected, string? expectedEtag,
        IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(null, sql);
        AddStateParameters(command, key, json, expected);
        AddJournalParameters(command, events, 0, events.Count);
        int appended;
        try
        {
            appended = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException e) when (_dialect.IsUniqueViolation(e))
        {
            throw JournalClash(events);
        }

        if (appended == 0)
        {
            throw StaleWrite(key, expectedEtag);
        }

        if (appended != events.Count)
        {
            throw new InvalidOperationException(
                $"Writing state '{key.StateName}' of grain {key.GrainType}/{key.GrainKey} appended {appended} of {events.Count} events.");
        }
    }

    private void AddStateParameters(DbCommand command, StateKey key, string? json, long? expected)
    {
        AddKey(command, key);
        command.AddParameter("@payload", json);
        command.AddParameter("@now", Now());
        if (expected is { } version)
        {
            command.AddParameter("@expected", version);
        }
    }

    private static void AddKey(DbCommand command, StateKey key)
    {
        command.AddParameter("@type", key.GrainType);
        command.AddParameter("@key", key.GrainKey);
        command.AddParameter("@name", key.StateName);
    }

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    // An ETag that is not one of ours cannot match any stored version, so it is a stale write, not a bug
    // to crash on: the grain re-reads and gets a real one.
    private static long ParseEtag(StateKey key, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"State '{key.StateName}' of grain {key.GrainType}/{key.GrainKey}: ETag '{etag}' is not a stored version; nothing was written.");

    private static InconsistentStateException StaleWrite(StateKey key, string? expectedEtag) =>
        new(expectedEtag is null
            ? $"State '{key.StateName}' of grain {key.GrainType}/{key.GrainKey} was expected not to exist (no ETag), but it is stored; nothing was written."
            : $"State '{key.StateName}' of grain {key.GrainType}/{key.GrainKey} is no longer at ETag '{expectedEtag}'; nothing was written.");
}
