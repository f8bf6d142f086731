using Npgsql;

namespace CoProduce.Benchmarks.Storage;

/// <summary>A fresh database on the server scripts/bench.sh starts (COPRODUCE_TEST_POSTGRES), dropped afterwards.</summary>
public sealed class BenchDatabase : IDisposable
{
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = $"coproduce_bench_{Guid.NewGuid():N}";

    public BenchDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException($"{ServerVariable} is not set; run scripts/bench.sh, which starts PostgreSQL.");
        using (var admin = new NpgsqlConnection(_server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            create.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
