using Npgsql;

namespace CoProduce.Testing;

/// <summary>
/// A fresh database on the throwaway PostgreSQL server that scripts/test.sh starts and names in
/// COPRODUCE_TEST_POSTGRES. Without that server the tests fail and say how to get one.
/// </summary>
public sealed class PostgresDatabase : ITestDatabase, IDisposable
{
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = $"coproduce_test_{Guid.NewGuid():N}";

    public PostgresDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with scripts/test.sh, which installs and starts a throwaway PostgreSQL server.");
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public string Provider => "PostgreSql";

    public IReadOnlyDictionary<string, string?> StorageSettings => new Dictionary<string, string?>
    {
        ["CoProduce:Storage:Provider"] = "PostgreSql",
        ["CoProduce:Storage:ConnectionString"] = ConnectionString,
    };

    public async Task<IReadOnlyList<string>> DumpAsync(bool everyTable = false)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await StorageDump.ReadAsync(connection, everyTable);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
