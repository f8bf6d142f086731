using System.Data.Common;

namespace CoProduce.Journal.Storage;

public sealed partial class AdoGrainStorage
{
    public async Task UpsertReminderAsync(ReminderRow reminder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        // Replacing bumps the version too, so a node that read the old schedule cannot claim its tick.
        await using var command = connection.CreateCommand(null, StorageSql.UpsertReminder);
        AddReminderKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
        command.AddParameter("@period", reminder.PeriodMs);
        command.AddParameter("@due", reminder.NextDueMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteReminderAsync(string grainType, string grainKey, string name, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.DeleteReminder);
        AddReminderKey(command, grainType, grainKey, name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<ReminderRow>> ReadRemindersAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ReadReminders);
        command.AddParameter("@type", grainType);
        command.AddParameter("@key", grainKey);
        return await ReadReminderRowsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderRow>> ReadDueRemindersAsync(long nowMs, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (limit == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ReadDueReminders);
        command.AddParameter("@now", nowMs);
        command.AddParameter("@limit", limit);
        return await ReadReminderRowsAsync(command, cancellationToken);
    }

    public async Task<bool> TryClaimReminderAsync(ReminderRow reminder, long nextDueMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.ClaimReminder);
        AddReminderKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
        command.AddParameter("@due", nextDueMs);
        command.AddParameter("@version", reminder.Version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void AddReminderKey(DbCommand command, string grainType, string grainKey, string name)
    {
        command.AddParameter("@type", grainType);
        command.AddParameter("@key", grainKey);
        command.AddParameter("@name", name);
    }

    private static async Task<IReadOnlyList<ReminderRow>> ReadReminderRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ReminderRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReminderRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return rows;
    }
}
