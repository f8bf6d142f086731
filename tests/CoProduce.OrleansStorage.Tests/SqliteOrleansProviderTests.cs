using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Journal.Storage;
using CoProduce.Testing;

namespace CoProduce.OrleansStorage.Tests;

/// <summary>Embedded mode: one SQLite file (a fresh one per test) shared by our storage and Orleans' providers.</summary>
public sealed class SqliteOrleansProviderTests : OrleansProviderTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    public SqliteOrleansProviderTests()
    {
        var folder = _database.StorageSettings["CoProduce:Storage:DataDirectory"]!;
        Store = OrleansStore.ForSqlite(Path.Combine(folder, StorageOptions.SqliteFileName));
    }

    protected override OrleansStore Store { get; }

    protected override IReadOnlySet<string> ExpectedQueryKeys { get; } = StateAndReminderKeys.ToHashSet();

    public void Dispose() => _database.Dispose();
}
