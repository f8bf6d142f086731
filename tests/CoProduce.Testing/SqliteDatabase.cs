namespace CoProduce.Testing;

/// <summary>A SQLite database file in a fresh temporary folder, removed afterwards.</summary>
public sealed class SqliteDatabase : ITestDatabase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coproduce-test-").FullName;

    public string Provider => "Sqlite";

    public IReadOnlyDictionary<string, string?> StorageSettings => new Dictionary<string, string?>
    {
        ["CoProduce:Storage:Provider"] = "Sqlite",
        ["CoProduce:Storage:DataDirectory"] = _folder,
    };

    public async Task<IReadOnlyList<string>> DumpAsync(bool everyTable = false)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "coproduce.db")};Mode=ReadOnly;Pooling=False");
        return await StorageDump.ReadAsync(connection, everyTable);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
