using System.Diagnostics;
using System.Globalization;
using CoProduce.Grains.Payments.Payouts;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Grains.Payments;
using CoProduce.Journal.Storage;
using CoProduce.Journal.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoProduce.PayoutBench;

/// <summary>
/// Pays 10,000 approved claims with the real payout batch (keyset read once, multi-row INSERT chunks with run
/// progress, the bank CSV file, the run's recount) and, on another 10,000 claims of the same shape, writes the same
/// 10,000 payout rows with one INSERT ... SELECT: the floor for that volume. Each round uses fresh claims (the ledger
/// is append-only), the order alternates, and the medians are compared.
/// </summary>
public static class PayoutBenchmark
{
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES";
    private const int Claims = 10_000;
    private const double Target = 5.0;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Contains("--quick") ? 3 : 7;
        var reportPath = args.SkipWhile(a => a != "--report").Skip(1).FirstOrDefault();
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(server))
        {
            Console.WriteLine($"{ServerVariable} is not set: skipping the payout benchmark (scripts/bench.sh sets it).");
            return 0;
        }

        var name = $"coproduce_payout_bench_{Guid.NewGuid():N}";
        await Admin(server, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var exports = Path.Combine(Path.GetTempPath(), name);
        try
        {
            var services = new ServiceCollection()
                .AddJournalStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["CoProduce:Storage:Provider"] = "PostgreSql",
                    ["CoProduce:Storage:ConnectionString"] = connectionString,
                }).Build())
                .BuildServiceProvider();
            var store = new PaymentStore(services.GetRequiredService<RelationalDatabase>(), TimeProvider.System);
            await store.MigrateAsync(CancellationToken.None);
            var options = new PaymentsOptions { ExportDirectory = exports };
            var faults = new ConfiguredPayoutFaults(options);
            var batch = new PayoutBatch(store, new BankCsvProvider(options, faults), faults, options, TimeProvider.System);

            var batchTimes = new List<double>();
            var floorTimes = new List<double>();
            for (var round = 0; round <= rounds; round++)
            {
                var batchPayer = new PayerRef(PayerKind.Organisation, Guid.NewGuid());
                var floorPayer = new PayerRef(PayerKind.Organisation, Guid.NewGuid());
                await Seed(connectionString, batchPayer);
                await Seed(connectionString, floorPayer);
                await Execute(connectionString, "VACUUM ANALYZE cp_pay_claims");
                await Execute(connectionString, "VACUUM ANALYZE cp_pay_ledger");

                double batchMs, floorMs;
                if (round % 2 == 0)
                {
                    batchMs = await TimeBatch(store, batch, batchPayer);
                    floorMs = await TimeFloor(connectionString, floorPayer);
                }
                else
                {
                    floorMs = await TimeFloor(connectionString, floorPayer);
                    batchMs = await TimeBatch(store, batch, batchPayer);
                }

                // Round 0 warms up connections, JIT and caches.
                if (round > 0)
                {
                    batchTimes.Add(batchMs);
                    floorTimes.Add(floorMs);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: batch {batchMs:0.0} ms, INSERT ... SELECT {floorMs:0.0} ms"));
            }

            var batchMedian = Median(batchTimes);
            var floorMedian = Median(floorTimes);
            var ratio = batchMedian / floorMedian;
            var table = string.Join('\n',
                "| figure | candidate | baseline | ratio | target | met |",
                "|---|---|---|---|---|---|",
                string.Create(CultureInfo.InvariantCulture,
                    $"| payout batch of 10,000 approved claims vs one INSERT ... SELECT of the same 10,000 ledger rows (time ratio, PostgreSQL) | {batchMedian:0.0} ms | {floorMedian:0.0} ms | {ratio:0.00} | <= {Target:0.00}x | {(ratio <= Target ? "yes" : "NO")} |"),
                "");
            Console.WriteLine(table);
            if (reportPath is not null)
            {
                await File.WriteAllTextAsync(reportPath, table);
            }

            await services.DisposeAsync();
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Admin(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            if (Directory.Exists(exports))
            {
                Directory.Delete(exports, recursive: true);
            }
        }
    }

    private static async Task<double> TimeBatch(PaymentStore store, PayoutBatch batch, PayerRef payer)
    {
        var runId = Guid.NewGuid();
        await store.CreateRunAsync(runId, payer, "benchmark", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var run = await batch.RunAsync(runId, payer, CancellationToken.None);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (run.EntriesWritten != Claims)
        {
            throw new InvalidOperationException($"The batch wrote {run.EntriesWritten} rows, not {Claims}.");
        }

        return elapsed;
    }

    /// <summary>The same payout rows (same columns, accounts and keys) for the other payer's claims, in one statement.</summary>
    private static async Task<double> TimeFloor(string connectionString, PayerRef payer)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO cp_pay_ledger (idempotency_key, kind, claim_id, line, payer_kind, payer_id, debit_account, credit_account,
                amount_minor, currency, run_id, reverses, memo, recorded_ms)
            SELECT 'payout:' || c.claim_id || ':Fee', 'Payout', c.claim_id, 'Fee', c.payer_kind, c.payer_id,
                'owed:' || c.payer_kind || ':' || c.payer_id || ':person:' || c.person_id, 'bank:' || c.payer_kind || ':' || c.payer_id,
                c.fee_due_minor, c.currency, @run, NULL, NULL, @now
            FROM cp_pay_claims c
            WHERE c.payer_kind = @kind AND c.payer_id = @payer AND c.status = 'Approved'
            """, connection);
        command.Parameters.AddWithValue("run", Guid.NewGuid().ToString("D"));
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("kind", payer.Kind.ToString());
        command.Parameters.AddWithValue("payer", payer.Id.ToString("D"));
        var clock = Stopwatch.StartNew();
        var written = await command.ExecuteNonQueryAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return written == Claims ? elapsed : throw new InvalidOperationException($"The floor wrote {written} rows, not {Claims}.");
    }

    /// <summary>10,000 approved fee-only claims of one payer, across 500 contributors, due last week.</summary>
    private static Task Seed(string connectionString, PayerRef payer) => Execute(connectionString, $"""
        INSERT INTO cp_pay_claims (claim_id, project_id, person_id, payer_kind, payer_id, currency, activity_date, pay_week,
            role, activity, unit, quantity, rate_minor, fee_minor, fee_due_minor, fee_payee, charity, choice, expenses_minor,
            expenses_json, in_advance, note, status, entered_by, supported_by, submitted_ms, due_by_ms, decided_by, decided_ms,
            rejection_reason, limit_json, limit_confirmed, version)
        SELECT gen_random_uuid()::text, '{Guid.NewGuid():D}', p.person, '{payer.Kind}', '{payer.Id:D}', 'GBP', '2026-01-05', '2026-01-05',
            'Expert by experience', 'Meeting', 'Hour', '2', 2500, 5000, 5000, 'Person', NULL, 'Accept', 0,
            '[]', 0, NULL, 'Approved', p.person, NULL, 0, 0, p.person, 0, NULL, NULL, 0, 2
        FROM generate_series(1, {Claims}) g
        CROSS JOIN LATERAL (SELECT md5((g % 500)::text || '{payer.Id:N}')::uuid::text AS person) p
        """);

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    private static Task Admin(string server, string sql) => Execute(server, sql);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
