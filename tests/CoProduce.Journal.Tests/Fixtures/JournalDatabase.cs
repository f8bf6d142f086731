using CoProduce.Journal.Events;
using CoProduce.Journal.Storage;
using CoProduce.Testing;
using Microsoft.Extensions.Configuration;

namespace CoProduce.Journal.Tests.Fixtures;

/// <summary>The test's database seen from outside the cluster: what is stored, and SQL that plays another writer or a refusing database.</summary>
public sealed class JournalDatabase : IAsyncDisposable
{
    private readonly AdoGrainStorage _storage;
    private readonly RelationalDatabase _database;

    public JournalDatabase(ITestDatabase database)
    {
        var target = StorageTarget.From(StorageOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings).Build()));
        _storage = target.CreateStorage(null);
        _database = target.CreateDatabase();
    }

    public Task<StoredState?> ReadStateAsync(JournalId grain, string stateName) =>
        _storage.ReadStateAsync(new StateKey(grain.Type, grain.Key, stateName), CancellationToken.None);

    public async Task<IReadOnlyList<long>> JournalSequencesAsync(JournalId grain) =>
        [.. (await _storage.ReadJournalAsync(grain.Type, grain.Key, 0, 10_000, CancellationToken.None)).Select(e => e.Sequence)];

    /// <summary>Makes the database refuse, with an error that is not a key clash, any journal row of event type "Poison".</summary>
    public Task RefusePoisonEventsAsync() => ExecuteAsync(_database.IsPostgres
        ?
        [
            "CREATE FUNCTION cp_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'poison refused'; END $$",
            "CREATE TRIGGER cp_test_refuse BEFORE INSERT ON cp_journal FOR EACH ROW WHEN (NEW.event_type = 'Poison') EXECUTE FUNCTION cp_test_refuse()",
        ]
        : ["CREATE TRIGGER cp_test_refuse BEFORE INSERT ON cp_journal WHEN NEW.event_type = 'Poison' BEGIN SELECT RAISE(ABORT, 'poison refused'); END"]);

    /// <summary>Another writer moves the stored version on, leaving the live activation with a stale copy.</summary>
    public Task WriteBehindTheGrainsBackAsync(JournalId grain, string stateName) => ExecuteAsync(
        [
            $"UPDATE cp_grain_state SET version = version + 1 WHERE grain_type = '{grain.Type}' AND grain_key = '{grain.Key}' AND state_name = '{stateName}'",
        ]);

    private async Task ExecuteAsync(IEnumerable<string> statements)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand(null, sql);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _storage.DisposeAsync();
        await _database.DisposeAsync();
    }
}
