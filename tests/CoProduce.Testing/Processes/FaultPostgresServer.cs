using System.Diagnostics;
using Npgsql;

namespace CoProduce.Testing.Processes;

/// <summary>
/// The second throwaway PostgreSQL server that scripts/test.sh starts for fault tests
/// (COPRODUCE_TEST_POSTGRES_FAULT): a test may stop and start it, which the shared server must never
/// see while other test assemblies use it. Stopping and starting run pg_ctl as the cluster's owner
/// ('postgres' when the tests run as root), as scripts/postgres.sh does.
/// </summary>
public sealed class FaultPostgresServer
{
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES_FAULT";

    private readonly string _server;
    private readonly string _dataDirectory;
    private readonly string _options;
    private readonly string _pgCtl;

    private FaultPostgresServer(string server, string dataDirectory, string options, string binDirectory)
    {
        _server = server;
        _dataDirectory = dataDirectory;
        _options = options;
        _pgCtl = Path.Combine(binDirectory, "pg_ctl");
    }

    /// <summary>The server scripts/test.sh names in its variables; fails saying how to get one when they are missing.</summary>
    public static FaultPostgresServer FromEnvironment() => new(
        Required(ServerVariable),
        Required("COPRODUCE_TEST_POSTGRES_FAULT_DATA"),
        Required("COPRODUCE_TEST_POSTGRES_FAULT_OPTIONS"),
        Required("COPRODUCE_TEST_PG_BIN"));

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, int maxPoolSize)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(_server) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, whoever is still connected.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Fast shutdown: sessions are ended (57P01) and open transactions roll back, but everything
    /// committed reaches disk first, as in a routine restart. Returns once the server is down.
    /// </summary>
    public Task StopAsync() => PgCtlAsync("-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>Starts the server again on the same port and settings; returns once it accepts connections.</summary>
    public Task StartAsync() =>
        PgCtlAsync("-D", _dataDirectory, "-l", Path.Combine(Path.GetDirectoryName(_dataDirectory)!, "server.log"), "-w", "-t", "60", "-o", _options, "start");

    private async Task PgCtlAsync(params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : _pgCtl)
        {
            // A folder the cluster's owner can enter.
            WorkingDirectory = Path.GetDirectoryName(_dataDirectory)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", _pgCtl })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run pg_ctl.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pg_ctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output.ConfigureAwait(false)} {await errors.ConfigureAwait(false)}");
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with scripts/test.sh, which starts a PostgreSQL server that fault tests may restart.");
}
