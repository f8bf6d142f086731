using System.Net;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Reports;

/// <summary>
/// Who may read the reports and record the self-assessment, by the project role matrix: whoever can see
/// a project reads its report; contributors and facilitators (and staff who facilitate) rate it; observers
/// and finance staff may read but not rate (403); anyone outside is told it does not exist (404). A
/// network's report is for its coordinators and member organisations' staff.
/// </summary>
public abstract class PowerBalanceAccessApiTests(ITestDatabase database)
{
    [Fact]
    public async Task EachCallerGetsTheAnswerInTheTable()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var w = await PowerBalanceWorld.People(app, clock);
        var project = $"/api/projects/{w.Project}";
        var network = $"/api/networks/{w.Network}";
        Guid[] callers = [w.Admin, w.Facilitator, w.Ada, w.Observer, w.Finance, w.ForeignAdmin, w.Stranger];

        var table = new (string Request, int[] Expected)[]
        {
            //                                               admin  facil  ada   observer finance foreign stranger
            ($"GET {project}/power-balance",                 [200,  200,   200,  200,     200,    404,    404]),
            ($"GET {project}/power-balance.csv",             [200,  200,   200,  200,     200,    404,    404]),
            ($"GET {project}/power-balance.svg",             [200,  200,   200,  200,     200,    404,    404]),
            ($"GET {project}/self-assessment",               [200,  200,   200,  200,     200,    404,    404]),
            ($"PUT {project}/self-assessment",               [200,  200,   200,  403,     403,    404,    404]),
            ($"GET {network}/power-balance",                 [200,  404,   404,  404,     200,    404,    404]),
            ($"GET {network}/power-balance.csv",             [200,  404,   404,  404,     200,    404,    404]),
            ($"GET {network}/power-balance.svg",             [200,  404,   404,  404,     200,    404,    404]),
        };

        var mismatches = new List<string>();
        foreach (var (request, expected) in table)
        {
            var (method, url) = (request.Split(' ')[0], request.Split(' ')[1]);
            for (var i = 0; i < callers.Length; i++)
            {
                var before = await History(w);
                using var message = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "PUT")
                {
                    message.Content = System.Net.Http.Json.JsonContent.Create(new { level = "Engagement", note = $"by caller {i}" }, options: ApiJson.Options);
                }

                var response = await w.As(callers[i]).SendAsync(message);
                if ((int)response.StatusCode != expected[i])
                {
                    mismatches.Add($"{request} as caller {i}: expected {expected[i]}, got {(int)response.StatusCode}");
                }

                if (!response.IsSuccessStatusCode)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.Equal(before, await History(w));
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    private static async Task<string> History(PowerBalanceWorld world) =>
        await (await world.As(world.Admin).GetAsync($"/api/projects/{world.Project}/self-assessment").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
}

public sealed class SqlitePowerBalanceAccessApiTests(SqliteDatabase database) : PowerBalanceAccessApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPowerBalanceAccessApiTests(PostgresDatabase database) : PowerBalanceAccessApiTests(database), IClassFixture<PostgresDatabase>;
