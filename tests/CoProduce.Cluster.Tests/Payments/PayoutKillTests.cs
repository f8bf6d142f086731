using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CoProduce.Gateway.Auth;
using CoProduce.Testing;
using CoProduce.Testing.Processes;
using Npgsql;

namespace CoProduce.Cluster.Tests.Payments;

/// <summary>
/// Issue 6's payout fault test, extended by issue 14 to every step, with real processes on PostgreSQL: a gateway
/// pays a batch of approved claims in small chunks and is killed with SIGKILL between chunks, inside a chunk's
/// transaction, between the ledger and the bank file, or between writing the file and renaming it into place, while a
/// second gateway shares the cluster and the jobs queue; Hangfire hands that gateway the cut-short run's job once the
/// job's invisibility timeout passes, and a new run is asked for as well.
/// Every approved claim must then be paid exactly once, in the ledger, in the bank files (parsed, each claim counted)
/// and on the contributor's statement, and none lost.
/// xunit 2 ends a test class through <see cref="IAsyncLifetime"/> and <see cref="IDisposable"/>; it never calls
/// <see cref="IAsyncDisposable"/>, which left each case's surviving gateway running and its export folder behind.
/// </summary>
public sealed class PayoutKillTests : IAsyncLifetime, IDisposable
{
    private const int Claims = 240;
    private const int ChunkSize = 20;
    private const int ChunksBeforeKill = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly PostgresDatabase _database = new();
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _anonymityKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _exports = Path.Combine(Path.GetTempPath(), $"coproduce-payout-kill-{Guid.NewGuid():N}");
    private readonly List<GatewayProcess> _gateways = [];

    [Theory]
    [InlineData(null)]
    [InlineData("ChunkInTransaction")]
    [InlineData("LedgerWritten")]
    [InlineData("FileWritten")]
    public async Task APayoutBatchKilledMidwayAndRunAgainPaysEveryApprovedClaimExactlyOnce(string? killedAt)
    {
        var tokens = new TokenService(new AuthOptions { SigningKey = _signingKey }, Convert.FromBase64String(_signingKey), TimeProvider.System);
        var first = await StartGateway("gateway-halting", halt: true, killedAt);
        var (admin, finance, contributor) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var asAdmin = Client(first, tokens, admin);
        using var asFinance = Client(first, tokens, finance);
        using var asContributor = Client(first, tokens, contributor);

        // An organisation with a finance officer and a rate card; a project with the contributor; approved claims.
        var organisation = (await Ok(asAdmin.PostAsJsonAsync("/api/organisations", new { name = "Northshire", kind = "Charity", displayName = "Admin" }))).GetProperty("id").GetGuid();
        await Ok(asAdmin.PutAsJsonAsync($"/api/organisations/{organisation}/members/{finance}", new { displayName = "Finance", roles = new[] { "Finance" } }));
        var project = (await Ok(asAdmin.PostAsJsonAsync("/api/projects", new { organisationId = organisation, name = "Day services" }))).GetProperty("id").GetGuid();
        await Ok(asAdmin.PutAsJsonAsync($"/api/projects/{project}/participants/{contributor}", new { role = "Contributor" }));
        await Ok(asContributor.PostAsJsonAsync($"/api/me/participation-requests/{project}/accept", new { }));
        var payer = $"/api/payments/Organisation/{organisation}";
        await Ok(asFinance.PutAsJsonAsync($"{payer}/policy", new
        {
            currency = "GBP",
            rates = new[] { new { role = "Expert by experience", activity = "Meeting", unit = "Hour", amount = 25.00m, effectiveFrom = "2020-01-01" } },
            expenses = Array.Empty<object>(),
            promisedPaymentDays = 14,
        }));
        await Ok(asContributor.PutAsJsonAsync("/api/me/payments/choices", new { payerKind = "Organisation", payerId = organisation, choice = "Accept" }));
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var approved = new HashSet<Guid>();
        for (var i = 0; i < Claims; i++)
        {
            var hours = 1 + (i % 4);
            var claim = await Ok(asContributor.PostAsJsonAsync($"/api/projects/{project}/claims",
                new { activityDate = yesterday, currency = "GBP", role = "Expert by experience", activity = "Meeting", quantity = hours }));
            var id = claim.GetProperty("id").GetGuid();
            await Ok(asFinance.PostAsync($"/api/claims/{id}/approve", null));
            approved.Add(id);
        }

        // The batch stops at the step (by default after three chunks of twenty) and is killed there.
        var started = await Ok(asFinance.PostAsync($"{payer}/runs", null), HttpStatusCode.Accepted);
        var halted = started.GetProperty("id").GetGuid();
        await WaitForRun(asFinance, payer, halted, run => run.GetProperty("entriesWritten").GetInt32() >= (killedAt is null or "ChunkInTransaction" ? ChunkSize * ChunksBeforeKill : Claims));
        var halfWritten = Path.Combine(_exports, $"payout-{halted:D}.csv");
        switch (killedAt)
        {
            case "ChunkInTransaction":
                // The fourth chunk's rows are written in a transaction that never commits.
                await WaitFor(async () => await Scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'") >= 1);
                break;
            case "LedgerWritten":
                await WaitForRun(asFinance, payer, halted, run => run.GetProperty("status").GetString() == "ExportPending");
                break;
            case "FileWritten":
                // The whole file is on disk under its temporary name, not yet renamed into place.
                await WaitFor(() => Task.FromResult(Directory.Exists(_exports) && Directory.GetFiles(_exports, $"payout-{halted:D}.csv.*.tmp")
                    .Any(f => CsvText.Parse(File.ReadAllText(f)).Count == Claims + 1)));
                break;
        }

        Assert.Equal(killedAt is null or "ChunkInTransaction" ? "Running" : "ExportPending", (await Ok(asFinance.GetAsync($"{payer}/runs/{halted}"))).GetProperty("status").GetString());
        var unpaid = await Ok(asFinance.GetAsync($"{payer}/claims?status=Paid"));
        Assert.Equal(0, unpaid.GetProperty("total").GetInt32());
        // A second node joins the cluster and the jobs queue while the first holds the run; then the first is killed.
        var second = await StartGateway("gateway-after", halt: false);
        await first.Node.KillAsync();
        Assert.Equal(killedAt is null or "ChunkInTransaction" ? ChunkSize * ChunksBeforeKill : Claims, await Scalar("SELECT COUNT(*) FROM cp_pay_ledger WHERE kind = 'Payout'"));
        Assert.False(File.Exists(halfWritten), "The bank file was in place before the run was killed.");

        // The second node: Hangfire gives it the cut-short run's job, and finance asks for a new run too.
        using var again = Client(second, tokens, finance);
        // While the cluster moves grains off the killed node the gateway answers 503 ("send it again"): the request is
        // sent again, with the same Idempotency-Key, so at most one run is started.
        var key = Guid.NewGuid().ToString("N");
        var rerun = (await Ok(WhileFailingOver(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{payer}/runs");
            request.Headers.Add("Idempotency-Key", key);
            return await again.SendAsync(request);
        }), HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        var rerunDone = await WaitForRun(again, payer, rerun, run => run.GetProperty("status").GetString() is "Completed" or "Failed");
        var haltedDone = await WaitForRun(again, payer, halted, run => run.GetProperty("status").GetString() is "Completed" or "Failed");
        Assert.Equal("Completed", rerunDone.GetProperty("status").GetString());
        Assert.Equal("Completed", haltedDone.GetProperty("status").GetString());
        Assert.True(haltedDone.GetProperty("attempts").GetInt32() >= 2, "The cut-short run was not resumed.");

        // Exactly once in the ledger: one payout row per approved claim, none twice, none missing.
        Assert.Equal(Claims, await Scalar("SELECT COUNT(*) FROM cp_pay_ledger WHERE kind = 'Payout'"));
        Assert.Equal(Claims, await Scalar("SELECT COUNT(DISTINCT claim_id) FROM cp_pay_ledger WHERE kind = 'Payout'"));
        Assert.Equal(0, await Scalar("SELECT COUNT(*) FROM cp_pay_claims c WHERE c.status = 'Approved' AND NOT EXISTS (SELECT 1 FROM cp_pay_ledger l WHERE l.kind = 'Payout' AND l.claim_id = c.claim_id)"));
        Assert.Equal(Claims, rerunDone.GetProperty("claimsPaid").GetInt32() + haltedDone.GetProperty("claimsPaid").GetInt32());

        // Exactly once in the bank files: every approved claim on one line of one file.
        var paidClaims = Directory.GetFiles(_exports, "payout-*.csv")
            .SelectMany(f => CsvText.Records(File.ReadAllText(f)))
            .Select(r => Guid.Parse(r["claim_id"]))
            .ToList();
        Assert.Equal(Claims, paidClaims.Count);
        Assert.True(approved.SetEquals(paidClaims), "The bank files do not list exactly the approved claims.");

        // And the contributor's statement says Paid for each approved claim, once.
        using var asContributorAfter = Client(second, tokens, contributor);
        var statement = CsvText.Records(await asContributorAfter.GetStringAsync("/api/me/statement.csv"));
        var statementPaid = statement.Where(r => r["status"] == "Paid").Select(r => Guid.Parse(r["claim_id"])).ToList();
        Assert.Equal(Claims, statementPaid.Count);
        Assert.True(approved.SetEquals(statementPaid), "The statement does not show every approved claim as paid.");
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private async Task<GatewayProcess> StartGateway(string name, bool halt, string? killedAt = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["CoProduce__Storage__Provider"] = "PostgreSql",
            ["CoProduce__Storage__ConnectionString"] = _database.ConnectionString,
            ["CoProduce__Auth__SigningKey"] = _signingKey,
            ["CoProduce__Anonymity__Key"] = _anonymityKey,
            ["CoProduce__Payments__ChunkSize"] = ChunkSize.ToString(CultureInfo.InvariantCulture),
            ["CoProduce__Payments__ExportDirectory"] = _exports,
            // A job whose node was killed is visible to the next node after this (sliding: a live node renews it).
            ["CoProduce__Jobs__InvisibilityTimeout"] = "00:00:03",
            ["CoProduce__Jobs__PollInterval"] = "00:00:00.200",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (halt)
        {
            settings["CoProduce__Payments__HaltAfterChunks"] = ChunksBeforeKill.ToString(CultureInfo.InvariantCulture);
            if (killedAt is not null)
            {
                settings["CoProduce__Payments__HaltAt"] = killedAt;
            }
        }

        var gateway = await GatewayProcess.StartAsync(name, settings, Timeout);
        _gateways.Add(gateway);
        return gateway;
    }

    private static HttpClient Client(GatewayProcess gateway, TokenService tokens, Guid person)
    {
        var client = new HttpClient { BaseAddress = gateway.Address, Timeout = Timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(person));
        return client;
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call, HttpStatusCode? expected = null)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Reads the run until <paramref name="done"/> holds; the run's own progress is the signal, there is no fixed wait.</summary>
    private static async Task<JsonElement> WaitForRun(HttpClient client, string payer, Guid run, Func<JsonElement, bool> done)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var view = await Ok(WhileFailingOver(() => client.GetAsync(new Uri($"{payer}/runs/{run}", UriKind.Relative), deadline.Token)));
            if (done(view))
            {
                return view;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Sends again while the gateway answers 503 (a node of the cluster stopped answering); any other answer is returned.</summary>
    private static async Task<HttpResponseMessage> WhileFailingOver(Func<Task<HttpResponseMessage>> send)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100, deadline.Token);
        }
    }

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>The gateways first (they hold the database and the export folder), then, in Dispose, the rest.</summary>
    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _database.Dispose();
        if (Directory.Exists(_exports))
        {
            Directory.Delete(_exports, recursive: true);
        }
    }
}
