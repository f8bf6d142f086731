using System.Net;
using System.Text.Json;
using CoProduce.Grains.Payments.Payouts;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// Issue 14, section 2: a claim reads Paid, and leaves what later runs pay, only once its payment instruction is
/// handed over (the bank file renamed into place). A fault at any step of a run (inside a chunk's transaction,
/// between the ledger and the file, between writing and renaming the file, in the provider) or a real file system
/// failure leaves the claims unpaid and held by their run, which is retried until it succeeds (after a restart too)
/// and which an operator can see and retry; in the end every approved claim is in exactly one bank file.
/// </summary>
public abstract class PayoutHandoverTests(ITestDatabase database)
{
    private const int Claims = 5;

    [Theory]
    [InlineData(PayoutStep.ChunkInTransaction)]
    [InlineData(PayoutStep.LedgerWritten)]
    [InlineData(PayoutStep.FileWritten)]
    [InlineData(PayoutStep.Provider)]
    public async Task AFaultAtAnyStepLeavesClaimsUnpaidUntilTheRetriedRunHandsThemOverInExactlyOneFile(PayoutStep step)
    {
        using var exports = new ExportFolder();
        // Chunks of two: the first chunk commits, the second fails inside its transaction.
        var faults = new PayoutFaultSwitch(step, skipFirst: step == PayoutStep.ChunkInTransaction ? 1 : 0);
        await using var app = new GatewayApplication(database, settings: Settings(exports.Path, retry: "00:00:00.100"),
            configureServices: services => services.AddSingleton<IPayoutFaults>(faults));
        var world = await PaymentsWorld.CreateAsync(app);
        var approved = await ApprovedClaims(world);
        var finance = app.CreateClient(world.People.Finance);

        var run = PaymentsWorld.Id(await (await finance.PostJson($"{world.PayerUrl}/runs", new { }).Expect(HttpStatusCode.Accepted)).Json());
        await faults.Struck.WaitAsync(TimeSpan.FromMinutes(1));

        // More failures than MaxAttempts (2): a run that holds claims is never given up.
        var failing = await WaitForRun(finance, world, run, r => r.GetProperty("attempts").GetInt32() > 3);
        Assert.Equal(step == PayoutStep.ChunkInTransaction ? "Running" : "ExportPending", failing.GetProperty("status").GetString());
        Assert.Contains("Injected fault", failing.GetProperty("lastError").GetString());
        Assert.Null(failing.GetProperty("export").GetString());

        // Nothing reads Paid while no instruction exists; the chunk that failed inside its transaction left no row.
        foreach (var claim in approved)
        {
            Assert.Equal("Approved", (await world.Get(claim)).GetProperty("status").GetString());
        }

        var paid = await (await finance.GetAsync($"{world.PayerUrl}/claims?status=Paid").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, paid.GetProperty("total").GetInt32());
        Assert.Equal(step == PayoutStep.ChunkInTransaction ? 2 : Claims, await world.LedgerCount($"kind = 'Payout' AND run_id = '{run:D}'"));
        Assert.Empty(exports.BankFiles());

        // The fault clears; the run's own retry hands the instruction over, with no one asking.
        faults.Release();
        var done = await WaitForRun(finance, world, run, r => r.GetProperty("status").GetString() == "Completed");
        Assert.Equal($"payout-{run:D}.csv", done.GetProperty("export").GetString());

        // A later run finds nothing due: the claims are paid, once.
        var later = await world.PayOut();
        Assert.Equal(Claims, done.GetProperty("claimsPaid").GetInt32() + later.GetProperty("claimsPaid").GetInt32());
        foreach (var claim in approved)
        {
            Assert.Equal("Paid", (await world.Get(claim)).GetProperty("status").GetString());
        }

        exports.AssertEachClaimInExactlyOneFile(world, approved);
    }

    [Fact]
    public async Task AnExportTheFileSystemRefusesWaitsUnpaidAndAnOperatorRetriesIt()
    {
        using var exports = new ExportFolder();
        exports.Block();
        await using var app = new GatewayApplication(database, settings: Settings(exports.Path, retry: "01:00:00"));
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        var approved = await ApprovedClaims(world);
        var finance = app.CreateClient(people.Finance);

        var run = PaymentsWorld.Id(await (await finance.PostJson($"{world.PayerUrl}/runs", new { }).Expect(HttpStatusCode.Accepted)).Json());
        var pending = await WaitForRun(finance, world, run, r => r.GetProperty("status").GetString() == "ExportPending" && r.GetProperty("lastError").GetString() is not null);
        Assert.Contains("attempt 1:", pending.GetProperty("lastError").GetString());
        Assert.Equal(Claims, pending.GetProperty("entriesWritten").GetInt32());
        Assert.Equal("Approved", (await world.Get(approved[0])).GetProperty("status").GetString());

        // The run is listed for its operators, awaiting its export.
        var runs = await (await app.CreateClient(people.Admin).GetAsync($"{world.PayerUrl}/runs").Expect(HttpStatusCode.OK)).Json();
        Assert.Contains(runs.GetProperty("items").EnumerateArray(), r => PaymentsWorld.Id(r) == run && r.GetProperty("status").GetString() == "ExportPending");

        // Only the payer's finance staff and admins can retry it: others get problem details and change nothing.
        var retry = $"{world.PayerUrl}/runs/{run}/retry";
        await AssertProblem(app.CreateClient(people.OrgFacilitator).PostJson(retry, new { }), HttpStatusCode.Forbidden);
        await AssertProblem(app.CreateClient(people.Contributor).PostJson(retry, new { }), HttpStatusCode.NotFound);
        await AssertProblem(app.CreateClient(people.ForeignStaff).PostJson(retry, new { }), HttpStatusCode.NotFound);
        await AssertProblem(finance.PostJson($"{world.PayerUrl}/runs/{Guid.NewGuid()}/retry", new { }), HttpStatusCode.NotFound);
        Assert.Equal(1, (await (await finance.GetAsync($"{world.PayerUrl}/runs/{run}").Expect(HttpStatusCode.OK)).Json()).GetProperty("attempts").GetInt32());

        // An admin retries while the volume is still missing: tried again, still pending.
        await app.CreateClient(people.Admin).PostJson(retry, new { }).Expect(HttpStatusCode.Accepted);
        var again = await WaitForRun(finance, world, run, r => r.GetProperty("lastError").GetString()?.StartsWith("attempt 2:", StringComparison.Ordinal) == true);
        Assert.Equal("ExportPending", again.GetProperty("status").GetString());
        Assert.Empty(exports.BankFiles());

        // A new run meanwhile takes none of the held claims (they would be in two files), so it has nothing to hand over.
        var other = await world.PayOut();
        Assert.Equal(("Completed", 0), (other.GetProperty("status").GetString(), other.GetProperty("claimsPaid").GetInt32()));

        // The volume is back; finance retries; the claims are paid, each in one file.
        exports.Unblock();
        await finance.PostJson(retry, new { }).Expect(HttpStatusCode.Accepted);
        var done = await WaitForRun(finance, world, run, r => r.GetProperty("status").GetString() == "Completed");
        Assert.Equal(Claims, done.GetProperty("claimsPaid").GetInt32());
        Assert.Equal("Paid", (await world.Get(approved[^1])).GetProperty("status").GetString());
        await AssertProblem(finance.PostJson(retry, new { }), HttpStatusCode.Conflict);
        exports.AssertEachClaimInExactlyOneFile(world, approved);
    }

    [Fact]
    public async Task ARunAwaitingItsExportIsRetriedByTheNextGatewayAfterARestart()
    {
        using var exports = new ExportFolder();
        exports.Block();
        var settings = Settings(exports.Path, retry: "00:00:00.200");
        Guid run;
        PaymentsWorld world;
        IReadOnlyList<Guid> approved;
        await using (var first = new GatewayApplication(database, settings: settings))
        {
            world = await PaymentsWorld.CreateAsync(first);
            approved = await ApprovedClaims(world);
            var finance = first.CreateClient(world.People.Finance);
            run = PaymentsWorld.Id(await (await finance.PostJson($"{world.PayerUrl}/runs", new { }).Expect(HttpStatusCode.Accepted)).Json());
            await WaitForRun(finance, world, run, r => r.GetProperty("status").GetString() == "ExportPending" && r.GetProperty("attempts").GetInt32() >= 2);
        }

        // The gateway is gone; the volume comes back; a new gateway on the same database finishes the run by itself.
        exports.Unblock();
        await using var second = new GatewayApplication(database, settings: settings);
        var client = second.CreateClient(world.People.Finance);
        var done = await WaitForRun(client, world, run, r => r.GetProperty("status").GetString() == "Completed");
        Assert.Equal(Claims, done.GetProperty("claimsPaid").GetInt32());
        foreach (var claim in approved)
        {
            var view = await (await second.CreateClient(world.People.Contributor).GetAsync($"/api/claims/{claim}").Expect(HttpStatusCode.OK)).Json();
            Assert.Equal("Paid", view.GetProperty("status").GetString());
        }

        exports.AssertEachClaimInExactlyOneFile(world, approved);
    }

    internal static Dictionary<string, string?> Settings(string exports, string retry) => new()
    {
        ["CoProduce:Payments:ExportDirectory"] = exports,
        ["CoProduce:Payments:ChunkSize"] = "2",
        ["CoProduce:Payments:MaxAttempts"] = "2",
        ["CoProduce:Payments:RetryBackoff"] = retry,
        ["CoProduce:Payments:MaxRetryBackoff"] = retry,
    };

    private static async Task<IReadOnlyList<Guid>> ApprovedClaims(PaymentsWorld world)
    {
        await world.Choose(world.People.Contributor, "Accept");
        var approved = new List<Guid>();
        for (var i = 0; i < Claims; i++)
        {
            var claim = PaymentsWorld.Id(await world.Claim(world.People.Contributor, PaymentsWorld.Meeting(1 + i)));
            await world.Approve(claim);
            approved.Add(claim);
        }

        return approved;
    }

    private static async Task AssertProblem(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call.Expect(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Reads the run until <paramref name="done"/> holds (the run's own state is the signal).</summary>
    private static async Task<JsonElement> WaitForRun(HttpClient client, PaymentsWorld world, Guid run, Func<JsonElement, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            var view = await (await client.GetAsync($"{world.PayerUrl}/runs/{run}").Expect(HttpStatusCode.OK)).Json();
            if (done(view))
            {
                return view;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The payout run never got there: {view}");
            await Task.Delay(25);
        }
    }
}

/// <summary>A throwaway export folder, which a test can block (a file where the folder should be: the volume is missing).</summary>
internal sealed class ExportFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"coproduce-handover-{Guid.NewGuid():N}");

    public void Block() => File.WriteAllText(Path, "not a folder");

    public void Unblock() => File.Delete(Path);

    public IReadOnlyList<string> BankFiles() => Directory.Exists(Path) ? Directory.GetFiles(Path, "payout-*.csv") : [];

    /// <summary>
    /// Parses every bank file and counts each of the payer's claims: every approved claim exactly once, nothing else.
    /// (Runs of other tests on the same database may be finished by this test's gateway, into this folder.)
    /// </summary>
    public void AssertEachClaimInExactlyOneFile(PaymentsWorld world, IReadOnlyCollection<Guid> approved)
    {
        var payer = $"Organisation:{world.People.OrganisationId:D}";
        var listed = BankFiles().SelectMany(f => CsvText.Records(File.ReadAllText(f)))
            .Where(r => r["payer"] == payer)
            .Select(r => Guid.Parse(r["claim_id"]))
            .ToList();
        var counts = listed.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(approved, claim => Assert.Equal(1, counts.GetValueOrDefault(claim)));
        Assert.Equal(approved.Count, listed.Count);
    }

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
        else if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

public sealed class SqlitePayoutHandoverTests(SqliteDatabase database) : PayoutHandoverTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPayoutHandoverTests(PostgresDatabase database) : PayoutHandoverTests(database), IClassFixture<PostgresDatabase>;
