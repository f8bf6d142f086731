using System.Net;
using System.Net.Http.Headers;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Jobs;

/// <summary>
/// The Hangfire dashboard at /jobs is served to the platform's operators (CoProduce:Jobs:Operators) only: 401 without a
/// valid bearer token, 404 (problem details, as for anything the caller's role does not let them see) to every other
/// signed-in person, whatever their roles in organisations, and the jobs of this deployment to an operator.
/// </summary>
public abstract class JobsDashboardTests(ITestDatabase database)
{
    private static readonly Guid Operator = Guid.NewGuid();

    private static readonly string[] Pages = ["/jobs", "/jobs/recurring", "/jobs/jobs/failed", "/jobs/stats"];

    private GatewayApplication App() => new(database, settings: new Dictionary<string, string?> { ["CoProduce:Jobs:Operators:0"] = Operator.ToString() });

    [Fact]
    public async Task WithoutAValidTokenTheDashboardAsksForOne()
    {
        await using var app = App();
        foreach (var page in Pages)
        {
            var anonymous = await app.CreateClient().GetAsync(page);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

            var forged = app.CreateClient();
            forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.TokenFor(Operator)[..^4] + "AAAA");
            Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task ToAnyoneButAnOperatorTheDashboardDoesNotExist()
    {
        await using var app = App();
        var admin = Guid.NewGuid();
        var asAdmin = app.CreateClient(admin);
        await asAdmin.PostJson("/api/organisations", new { name = "Northshire", kind = "Charity", displayName = "Admin" }).Expect(HttpStatusCode.Created);
        foreach (var caller in new[] { app.CreateClient(Guid.NewGuid()), asAdmin })
        {
            foreach (var page in Pages)
            {
                var response = await caller.GetAsync(page);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }

            var requeue = await caller.PostAsync("/jobs/jobs/failed/requeue", new FormUrlEncodedContent([new("jobs[]", "1")]));
            Assert.Equal(HttpStatusCode.NotFound, requeue.StatusCode);
        }
    }

    [Fact]
    public async Task AnOperatorSeesThisDeploymentsJobs()
    {
        await using var app = App();
        var asOperator = app.CreateClient(Operator);
        var home = await asOperator.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("CoProduce jobs", await home.Content.ReadAsStringAsync());

        // The scheduled payout is a recurring job of this deployment's storage.
        var recurring = await asOperator.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        Assert.Contains("payout-schedule", await recurring.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteJobsDashboardTests(SqliteDatabase database) : JobsDashboardTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresJobsDashboardTests(PostgresDatabase database) : JobsDashboardTests(database), IClassFixture<PostgresDatabase>;
