using System.Net;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Feedback;

public abstract class FeedbackOverdueApiTests(ITestDatabase database)
{
    [Fact]
    public async Task ADecisionIsOverdueForFeedbackDaysAfterClosingUntilFeedbackIsPublished()
    {
        var clock = new ManualTimeProvider();
        await using var app = new GatewayApplication(database, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var world = await FeedbackProject.Create(app);
        var people = world.People;
        var decision = await world.ClosedDecision(false, people.Contributor);
        var decisionId = DecisionProject.Id(decision);
        var listed = await world.List(people.Contributor);
        Assert.Equal(28, listed.GetProperty("overdueAfterDays").GetInt32());
        Assert.Empty(FeedbackProject.Guids(listed.GetProperty("overdue")));

        clock.Advance(TimeSpan.FromDays(27));
        Assert.Empty(FeedbackProject.Guids((await world.List()).GetProperty("overdue")));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal([decisionId], FeedbackProject.Guids((await world.List(people.Observer)).GetProperty("overdue")));

        // The deadline is the organisation's, for all its projects: its admins move it, nobody else.
        var settings = $"/api/organisations/{people.OrganisationId}/settings";
        await world.As(people.StaffFacilitator).PutJson(settings, new { feedbackOverdueAfterDays = 40 }).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Contributor).PutJson(settings, new { feedbackOverdueAfterDays = 40 }).Expect(HttpStatusCode.NotFound);
        await world.As(people.Facilitator).PutJson(settings, new { feedbackOverdueAfterDays = 0 }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal([decisionId], FeedbackProject.Guids((await world.List()).GetProperty("overdue")));
        await world.As(people.Facilitator).PutJson(settings, new { feedbackOverdueAfterDays = 40 }).Expect(HttpStatusCode.OK);
        var later = await world.List(people.Contributor);
        Assert.Equal(40, later.GetProperty("overdueAfterDays").GetInt32());
        Assert.Empty(FeedbackProject.Guids(later.GetProperty("overdue")));
        await world.As(people.Facilitator).PutJson(settings, new { feedbackOverdueAfterDays = 28 }).Expect(HttpStatusCode.OK);

        // A draft does not count; a published entry does.
        var draft = FeedbackProject.Id(await (await world.Draft(decision).Expect(HttpStatusCode.Created)).Json());
        Assert.Equal([decisionId], FeedbackProject.Guids((await world.List()).GetProperty("overdue")));
        await world.Publish(draft).Expect(HttpStatusCode.OK);
        Assert.Empty(FeedbackProject.Guids((await world.List()).GetProperty("overdue")));
    }
}

public sealed class SqliteFeedbackOverdueApiTests(SqliteDatabase database) : FeedbackOverdueApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresFeedbackOverdueApiTests(PostgresDatabase database) : FeedbackOverdueApiTests(database), IClassFixture<PostgresDatabase>;
