using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Projects;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// A project world with payments: the organisation's rate card and expenses policy set by its finance officer,
/// a project with a contributor, and helpers to claim, approve, pay and read the ledger.
/// </summary>
public sealed class PaymentsWorld
{
    private PaymentsWorld(ProjectWorld people, Guid projectId)
    {
        People = people;
        ProjectId = projectId;
    }

    public ProjectWorld People { get; }

    public Guid ProjectId { get; }

    public GatewayApplication App => People.App;

    public string PayerUrl => $"/api/payments/Organisation/{People.OrganisationId}";

    public static DateOnly Yesterday(TimeProvider? clock = null) =>
        DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime).AddDays(-1);

    public static async Task<PaymentsWorld> CreateAsync(GatewayApplication app)
    {
        var people = await ProjectWorld.CreateAsync(app);
        var project = await people.NewProject();
        var world = new PaymentsWorld(people, project);
        await world.SetPolicy(world.PayerUrl, people.Finance);
        return world;
    }

    /// <summary>A rate card: £25 an hour for meetings, £80 a day for training; travel capped at £30 with receipts, meals at £10.</summary>
    public static object Policy(string currency = "GBP", int promisedDays = 14) => new
    {
        currency,
        rates = new object[]
        {
            new { role = "Expert by experience", activity = "Meeting", unit = "Hour", amount = 25.00m, effectiveFrom = "2020-01-01" },
            new { role = "Expert by experience", activity = "Training", unit = "Day", amount = 80.00m, effectiveFrom = "2020-01-01" },
        },
        expenses = new object[]
        {
            new { category = "Travel", capPerClaim = 30.00m, receiptRequired = true },
            new { category = "Meals", capPerClaim = 10.00m, receiptRequired = false },
        },
        promisedPaymentDays = promisedDays,
    };

    public async Task SetPolicy(string payerUrl, Guid by, object? policy = null) =>
        await App.CreateClient(by).PutJson($"{payerUrl}/policy", policy ?? Policy()).Expect(HttpStatusCode.OK);

    public Task Choose(Guid person, string choice, Guid? organisationId = null, int? percent = null, string? charity = null) =>
        App.CreateClient(person).PutJson("/api/me/payments/choices", new
        {
            payerKind = "Organisation",
            payerId = organisationId ?? People.OrganisationId,
            choice,
            percent,
            charity,
        }).Expect(HttpStatusCode.OK);

    /// <summary>A claim body for <paramref name="hours"/> hours of meeting yesterday, and travel when given.</summary>
    public static Dictionary<string, object?> Meeting(decimal hours, decimal? travel = null, string currency = "GBP", DateOnly? date = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["activityDate"] = (date ?? Yesterday()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["currency"] = currency,
            ["role"] = "Expert by experience",
            ["activity"] = "Meeting",
            ["quantity"] = hours,
        };
        if (travel is { } amount)
        {
            body["expenses"] = new[] { new { category = "Travel", amount, description = "Bus both ways", receipt = new { reference = "T-1182" } } };
        }

        return body;
    }

    public async Task<JsonElement> Claim(Guid caller, object body, Guid? projectId = null) =>
        await (await App.CreateClient(caller).PostJson($"/api/projects/{projectId ?? ProjectId}/claims", body).Expect(HttpStatusCode.Created)).Json();

    public async Task<JsonElement> Approve(Guid claimId, Guid? by = null) =>
        await (await App.CreateClient(by ?? People.Finance).PostJson($"/api/claims/{claimId}/approve", new { }).Expect(HttpStatusCode.OK)).Json();

    public async Task<JsonElement> Get(Guid claimId, Guid? by = null) =>
        await (await App.CreateClient(by ?? People.Contributor).GetAsync($"/api/claims/{claimId}").Expect(HttpStatusCode.OK)).Json();

    /// <summary>Starts a payout run for the payer and waits until it has finished (the run reports its own status).</summary>
    public async Task<JsonElement> PayOut(string? payerUrl = null, Guid? finance = null)
    {
        var client = App.CreateClient(finance ?? People.Finance);
        var started = await (await client.PostJson($"{payerUrl ?? PayerUrl}/runs", new { }).Expect(HttpStatusCode.Accepted)).Json();
        return await WaitForRun(client, $"{payerUrl ?? PayerUrl}/runs/{started.GetProperty("id").GetGuid()}");
    }

    public static async Task<JsonElement> WaitForRun(HttpClient client, string url)
    {
        // Generous: a run that meets a transient failure retries after a backoff (5 s, doubling) and shows it.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var run = await (await client.GetAsync(url).Expect(HttpStatusCode.OK)).Json();
            // ExportPending: the ledger rows are in and the bank file is being (or waiting to be) handed over.
            if (run.GetProperty("status").GetString() is not ("Running" or "ExportPending"))
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The payout run was still running after 3 minutes: {run}");
            await Task.Delay(25);
        }
    }

    /// <summary>Counts ledger rows straight from the database.</summary>
    public async Task<long> LedgerCount(string where = "1 = 1")
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM cp_pay_ledger WHERE {where}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<DbConnection> OpenAsync() =>
        await App.Services.GetRequiredService<RelationalDatabase>().OpenAsync(CancellationToken.None);

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();
}
