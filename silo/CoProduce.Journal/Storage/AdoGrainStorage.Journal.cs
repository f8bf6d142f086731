using Orleans.Storage;
using System.Data.Common;
using System.Globalization;
using CoProduce.Journal.Events;

namespace CoProduce.Journal.Storage;

public sealed partial class AdoGrainStorage
{
    public async Task AppendJournalAsync(IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        if (events.Count <= JournalInsertSql.MaxRows)
        {
            // One statement is atomic on its own.
            await InsertJournalAsync(connection, null, events, cancellationToken);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertJournalAsync(connection, transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> ReadLastSequenceAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ReadLastSequence);
        command.AddParameter("@type", grainType);
        command.AddParameter("@key", grainKey);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<GrainEvent>> ReadJournalAsync(
        string grainType, string grainKey, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ReadJournal);
        command.AddParameter("@type", grainType);
        command.AddParameter("@key", grainKey);
        command.AddParameter("@after", afterSequence);
        command.AddParameter("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var grain = new JournalId(grainType, grainKey);
        var events = new List<GrainEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new GrainEvent(grain, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), _dialect.ReadTimestamp(reader, 3)));
        }

        return events;
    }

    /// <summary>
    /// Inserts the events with multi-row INSERTs. A taken sequence number fails the statement as a
    /// whole; the caller's transaction (if any) then rolls back the rest.
    /// </summary>
    private async Task InsertJournalAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        for (var start = 0; start < events.Count; start += JournalInsertSql.MaxRows)
        {
            var rows = Math.Min(JournalInsertSql.MaxRows, events.Count - start);
            await using var command = connection.CreateCommand(transaction, JournalInsertSql.ForRows(rows));
            AddJournalParameters(command, events, start, rows);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e) when (_dialect.IsUniqueViolation(e))
            {
                throw JournalClash(events);
            }
        }
    }

    /// <summary>Binds events <paramref name="start"/> to start + rows - 1 to the names of <see cref="JournalInsertSql"/>.</summary>
    private void AddJournalParameters(DbCommand command, IReadOnlyList<JournalAppend> events, int start, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            var appended = events[start + row];
            var names = JournalInsertSql.ParameterNames(row);
            command.AddParameter(names[0], appended.GrainType);
            command.AddParameter(names[1], appended.GrainKey);
            command.AddParameter(names[2], appended.Sequence);
            command.AddParameter(names[3], appended.EventType);
            command.AddParameter(names[4], appended.Json);
            command.AddParameter(names[5], _dialect.ToDbTimestamp(ToStoredInstant(appended.RecordedAt)));
        }
    }

    private static InconsistentStateException JournalClash(IReadOnlyList<JournalAppend> events) =>
        new($"Journal sequence already taken while appending {Describe(events)}; nothing was written.");

    private static string Describe(IReadOnlyList<JournalAppend> events)
    {
        var first = events[0];
        var oneGrain = events.All(e => e.GrainType == first.GrainType && e.GrainKey == first.GrainKey);
        return oneGrain
            ? $"sequences {events.Min(e => e.Sequence)}..{events.Max(e => e.Sequence)} of grain {first.GrainType}/{first.GrainKey}"
            : $"{events.Count} events of several grains, the first {first.GrainType}/{first.GrainKey} at sequence {first.Sequence}";
    }
}
