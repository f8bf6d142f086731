using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Projects;

public abstract class BudgetTests(GatewayDatabase database)
{
    [Fact]
    public async Task ContributorsProposeAndAgreeBudgetLinesAndTheRecordSaysWho()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var contributor = world.As(world.Contributor);

        var proposed = await contributor
            .PostJson($"/api/projects/{project}/budget-lines", new { description = "  Travel for carers  ", amount = 240.5m, currency = "GBP" })
            .Expect(HttpStatusCode.Created);
        Assert.Equal(proposed.Headers.ETag?.Tag, (await world.Read(project)).ETag);

        // The answer is the line itself, found again where Location says and as the last line of the project.
        var line = await proposed.Json();
        Assert.Equal(line.GetRawText(), Last((await world.Read(project)).Json).GetRawText());
        var located = await (await contributor.GetAsync(proposed.Headers.Location).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(line.GetRawText(), located.GetRawText());
        Assert.Equal("Travel for carers", line.GetProperty("description").GetString());
        Assert.Equal(240.5m, line.GetProperty("amount").GetDecimal());
        Assert.Equal("GBP", line.GetProperty("currency").GetString());
        Assert.Equal(world.Contributor, line.GetProperty("proposedBy").GetGuid());
        Assert.Empty(line.GetProperty("agreedBy").EnumerateArray());
        var lineId = line.GetProperty("id").GetGuid();

        await contributor.PostAsync($"/api/projects/{project}/budget-lines/{lineId}/agreement", null).Expect(HttpStatusCode.OK);
        var agreed = await world.As(world.ProjectFacilitator).PostAsync($"/api/projects/{project}/budget-lines/{lineId}/agreement", null)
            .Expect(HttpStatusCode.OK);
        Assert.Equal([world.Contributor, world.ProjectFacilitator], Last(await agreed.Json()).GetProperty("agreedBy").EnumerateArray().Select(p => p.GetGuid()));

        // Agreeing again records nothing new.
        var again = await contributor.PostAsync($"/api/projects/{project}/budget-lines/{lineId}/agreement", null).Expect(HttpStatusCode.OK);
        Assert.Equal(agreed.Headers.ETag?.Tag, again.Headers.ETag?.Tag);
        Assert.Equal(2, Last(await again.Json()).GetProperty("agreedBy").GetArrayLength());

        var events = await world.Events(project, "BudgetLineAgreed");
        Assert.Equal([world.Contributor, world.ProjectFacilitator], events.Select(e => e.GetProperty("by").GetGuid()));
        Assert.All(events, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("supportedBy").ValueKind));
    }

    [Fact]
    public async Task ObserversCannotProposeOrAgreeButCanRead()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var line = await world.NewBudgetLine(project);
        var before = await world.Read(project);
        var observer = world.As(world.Observer);

        await observer.PostJson($"/api/projects/{project}/budget-lines", new { description = "Snacks", amount = 20m, currency = "GBP" })
            .Expect(HttpStatusCode.Forbidden);
        await observer.PostAsync($"/api/projects/{project}/budget-lines/{line}/agreement", null).Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await world.Read(project));

        var read = await (await observer.GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(line, Last(read).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData(0, "GBP", "amount")]
    [InlineData(-5, "GBP", "amount")]
    [InlineData(12.345, "GBP", "amount")]
    [InlineData(10000000.01, "GBP", "amount")]
    [InlineData(12.5, "gbp", "currency")]
    [InlineData(12.5, "POUNDS", "currency")]
    [InlineData(12.5, "", "currency")]
    [InlineData(12.5, "£", "currency")]
    public async Task BadAmountsAndCurrenciesAreFieldErrors(double amount, string currency, string field)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var response = await world.As(world.Contributor)
            .PostJson($"/api/projects/{project}/budget-lines", new { description = "Fees", amount = (decimal)amount, currency })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Json()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task EveryBadFieldOfABudgetLineIsReportedAtOnce()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var response = await world.As(world.Contributor)
            .PostJson($"/api/projects/{project}/budget-lines", new { description = " ", amount = 0m, currency = "gbp" })
            .Expect(HttpStatusCode.BadRequest);
        var errors = (await response.Json()).GetProperty("errors");
        Assert.Equal(["amount", "currency", "description"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Theory]
    [InlineData("{\"description\":\"Fees\",\"amount\":\"12\",\"currency\":\"GBP\"}")]
    [InlineData("{\"description\":\"Fees\",\"currency\":\"GBP\"}")]
    [InlineData("{\"description\":\"Fees\",\"amount\":1e40,\"currency\":\"GBP\"}")]
    [InlineData("{\"description\":\"Fees\",\"amount\":12,\"currency\":null}")]
    public async Task AnUnreadableBudgetLineIsABadRequest(string json)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var response = await world.As(world.Contributor)
            .PostAsync($"/api/projects/{project}/budget-lines", new StringContent(json, Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task ASupporterAgreesWithAContributorAndTheRecordNamesThem()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var line = await world.NewBudgetLine(project);
        var supporter = Guid.NewGuid();
        await world.LinkSupporter(world.Contributor, supporter);

        var agreed = await world.ActingWith(supporter, world.Contributor)
            .PostAsync($"/api/projects/{project}/budget-lines/{line}/agreement", null)
            .Expect(HttpStatusCode.OK);

        // The agreement is the contributor's; the answer and the journal say who helped them give it.
        var answer = Last(await agreed.Json());
        Assert.Equal([world.Contributor], answer.GetProperty("agreedBy").EnumerateArray().Select(p => p.GetGuid()));
        Assert.Equal(supporter, answer.GetProperty("agreedWith").GetProperty(world.Contributor.ToString("D")).GetGuid());

        // A line the supporter proposes with the contributor names both too.
        var proposed = await world.ActingWith(supporter, world.Contributor)
            .PostJson($"/api/projects/{project}/budget-lines", new { description = "Taxi for two sessions", amount = 24.00m, currency = "GBP" })
            .Expect(HttpStatusCode.Created);
        var line2 = await proposed.Json();
        Assert.Equal(world.Contributor, line2.GetProperty("proposedBy").GetGuid());
        Assert.Equal(supporter, line2.GetProperty("supportedBy").GetGuid());
        var recorded = Assert.Single(await world.Events(project, "BudgetLineAgreed"));
        Assert.Equal(line, recorded.GetProperty("lineId").GetGuid());
        Assert.Equal(world.Contributor, recorded.GetProperty("by").GetGuid());
        Assert.Equal(supporter, recorded.GetProperty("supportedBy").GetGuid());

        // On their own the supporter is a stranger to the project.
        await world.As(supporter).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SomeoneNotLinkedCannotActWithAContributor()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var line = await world.NewBudgetLine(project);
        var before = await world.Read(project);
        var pretender = world.ActingWith(Guid.NewGuid(), world.Contributor);

        await pretender.PostAsync($"/api/projects/{project}/budget-lines/{line}/agreement", null).Expect(HttpStatusCode.Forbidden);
        await pretender.PostJson($"/api/projects/{project}/budget-lines", new { description = "Fees", amount = 10m, currency = "GBP" })
            .Expect(HttpStatusCode.Forbidden);
        await world.ActingWith(world.Lead, world.Contributor).PostAsync($"/api/projects/{project}/budget-lines/{line}/agreement", null)
            .Expect(HttpStatusCode.Forbidden);
        Assert.Equal(before, await world.Read(project));
        Assert.Empty(await world.Events(project, "BudgetLineAgreed"));

        var garbled = world.As(world.Contributor);
        garbled.DefaultRequestHeaders.Add("CoProduce-Acting-With", "someone");
        await garbled.PostAsync($"/api/projects/{project}/budget-lines/{line}/agreement", null).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AgreeingToAnUnknownLineIsNotFound()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        await world.As(world.Contributor).PostAsync($"/api/projects/{project}/budget-lines/{Guid.NewGuid()}/agreement", null)
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARetriedProposalWithTheSameIdempotencyKeyAddsOneLine()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var contributor = world.As(world.Contributor);
        var first = await contributor.SendAsync(Keyed(project, "line-1")).Expect(HttpStatusCode.Created);
        var second = await contributor.SendAsync(Keyed(project, "line-1")).Expect(HttpStatusCode.Created);
        Assert.Equal(first.Headers.ETag?.Tag, second.Headers.ETag?.Tag);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal((await first.Json()).GetProperty("id").GetGuid(), (await second.Json()).GetProperty("id").GetGuid());
        Assert.Single(Budget((await world.Read(project)).Json));
        Assert.Single(await world.Events(project, "BudgetLineProposed"));

        static HttpRequestMessage Keyed(Guid project, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{project}/budget-lines")
            {
                Content = JsonContent.Create(new { description = "Fees", amount = 100m, currency = "GBP" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
    }

    private static JsonElement Last(JsonElement project) => Budget(project).Last();

    private static JsonElement Last(string project) => Last(JsonSerializer.Deserialize<JsonElement>(project));

    private static List<JsonElement> Budget(string project) => Budget(JsonSerializer.Deserialize<JsonElement>(project));

    private static List<JsonElement> Budget(JsonElement project) =>
        [.. project.GetProperty("preProduction").GetProperty("budget").EnumerateArray()];
}

public sealed class SqliteBudgetTests(SqliteGateway database) : BudgetTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresBudgetTests(PostgresGateway database) : BudgetTests(database), IClassFixture<PostgresGateway>;
