using System.Net;

namespace CoProduce.Gateway.Tests.Organisations;

/// <summary>An organisation's settings: read by its staff, changed by its admins, journalled, and refused cleanly otherwise.</summary>
public abstract class OrganisationSettingsApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task StaffReadTheSettingsAndOnlyAdminsChangeThem()
    {
        var app = database.Shared;
        var (admin, finance, stranger) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var organisation = await Scenario.Organisation(app.CreateClient(admin));
        await Scenario.AddStaff(app.CreateClient(admin), organisation, finance, "Finance");
        var url = $"/api/organisations/{organisation}/settings";

        var first = await app.CreateClient(finance).GetAsync(url).Expect(HttpStatusCode.OK);
        Assert.Equal(28, (await first.Json()).GetProperty("feedbackOverdueAfterDays").GetInt32());
        await app.CreateClient(stranger).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await app.CreateClient(finance).PutJson(url, new { feedbackOverdueAfterDays = 14 }).Expect(HttpStatusCode.Forbidden);
        await app.CreateClient(stranger).PutJson(url, new { feedbackOverdueAfterDays = 14 }).Expect(HttpStatusCode.NotFound);
        await app.CreateClient(admin).PutJson(url, new { feedbackOverdueAfterDays = 366 }).Expect(HttpStatusCode.BadRequest);
        await app.CreateClient(admin).PutJson(url, new { feedbackOverdueAfterDays = "14" }).Expect(HttpStatusCode.BadRequest);

        var stale = Scenario.Request(HttpMethod.Put, url, new { feedbackOverdueAfterDays = 14 }, ifMatch: "\"999\"");
        await app.CreateClient(admin).SendAsync(stale).Expect(HttpStatusCode.PreconditionFailed);
        Assert.Equal(first.Headers.ETag, (await app.CreateClient(finance).GetAsync(url)).Headers.ETag);

        var set = Scenario.Request(HttpMethod.Put, url, new { feedbackOverdueAfterDays = 14 }, ifMatch: first.Headers.ETag!.Tag);
        var changed = await app.CreateClient(admin).SendAsync(set).Expect(HttpStatusCode.OK);
        Assert.Equal(14, (await changed.Json()).GetProperty("feedbackOverdueAfterDays").GetInt32());
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
        Assert.Equal(14, (await (await app.CreateClient(finance).GetAsync(url)).Json()).GetProperty("feedbackOverdueAfterDays").GetInt32());

        var journal = await Scenario.Journal(app, "organisation", organisation);
        var change = Assert.Single(journal, e => e.Type == "OrganisationSettingsChanged");
        Assert.Equal(admin, change.Body.GetProperty("changedBy").GetGuid());
    }
}

public sealed class SqliteOrganisationSettingsApiTests(SqliteGateway database) : OrganisationSettingsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresOrganisationSettingsApiTests(PostgresGateway database) : OrganisationSettingsApiTests(database), IClassFixture<PostgresGateway>;
