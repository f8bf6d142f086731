using System.Net;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Evaluation;
using CoProduce.Gateway.Tests.Feedback;

namespace CoProduce.Gateway.Tests.Trail;

public abstract class TrailApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task AnItemIsFollowedThroughItsDecisionOutcomeActionEvidenceAndFeedback()
    {
        var app = database.Shared;
        var world = await TrailProject.Create(app);
        var people = world.People;

        // The third contributor proposes the item and never votes: their part is the agenda item alone.
        var item = await world.Item(people.ThirdContributor, "Nobody answers the crisis line after 10pm");
        var other = await world.Item(people.Contributor, "Call-backs within the hour");
        var unrelatedItem = await world.Item(people.SecondContributor, "Parking at the day centre");
        var decision = await world.Decide("Consent", [item, other], extra: new { title = "Staff the crisis line until midnight" });
        var decisionId = DecisionProject.Id(decision);
        Assert.Equal(new[] { item, other }, FeedbackProject.Guids(decision.GetProperty("agendaItemIds")));
        var unrelated = await world.Decide("Consent", [unrelatedItem]);

        await world.Decisions.Vote(decision, people.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        await world.Decisions.Vote(decision, people.SecondContributor, new { position = "Disagree", reason = "Midnight is still too early." })
            .Expect(HttpStatusCode.OK);
        var reviewDate = DateTimeOffset.UtcNow.AddDays(90);
        await world.As(people.Facilitator).PostJson($"{world.Decisions.Url}/{decisionId}/outcome", new
        {
            statement = "Two more call handlers until midnight, from January.",
            reviewDate,
        }).Expect(HttpStatusCode.OK);

        var actions = $"/api/projects/{people.ProjectId}/actions";
        var action = await (await world.As(people.Facilitator).PostJson(actions, new
        {
            title = "Recruit two evening call handlers",
            ownerId = people.StaffFacilitator,
            decisionIds = new[] { decisionId },
        }).Expect(HttpStatusCode.Created)).Json();
        var actionId = action.GetProperty("id").GetGuid();
        await world.As(people.Facilitator).PostJson($"{actions}/{actionId}/status", new { status = "InProgress" }).Expect(HttpStatusCode.OK);
        await world.As(people.Facilitator).PostJson(actions, new
        {
            title = "Repaint the parking bays",
            ownerId = people.StaffFacilitator,
            decisionIds = new[] { DecisionProject.Id(unrelated) },
        }).Expect(HttpStatusCode.Created);

        var surveyBody = EvaluationProject.SurveyBody();
        surveyBody["decisionIds"] = new[] { decisionId };
        var survey = await (await world.As(people.Facilitator).PostJson(world.Evaluation.Surveys, surveyBody).Expect(HttpStatusCode.Created)).Json();
        await world.Evaluation.Respond(survey, people.Contributor, new { questionId = EvaluationProject.Question(survey, 0), scale = 4 })
            .Expect(HttpStatusCode.OK);
        await world.Evaluation.CreateSurvey();

        // Published to the voters and the items' proposers, each once: the contributor both proposed and voted.
        var feedbackId = FeedbackProject.Id(await (await world.Feedback.Draft(decision, actions: [actionId]).Expect(HttpStatusCode.Created)).Json());
        var published = await (await world.Feedback.Publish(feedbackId).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(
            new[] { people.Contributor, people.SecondContributor, people.ThirdContributor }.Order(),
            FeedbackProject.Guids(published.GetProperty("addressees")).Order());
        var mine = await (await world.As(people.ThirdContributor).GetAsync("/api/me/feedback").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(feedbackId, FeedbackProject.Id(mine.GetProperty("items")[0]));
        await world.Feedback.Respond(feedbackId, people.ThirdContributor, false, "Ten o'clock callers still wait.").Expect(HttpStatusCode.OK);

        // A second entry still in draft is the facilitators' work in progress, not part of the trail.
        await world.Feedback.Draft(decision).Expect(HttpStatusCode.Created);

        foreach (var reader in new[] { people.Observer, people.ThirdContributor, people.Facilitator })
        {
            var trail = await world.Trail(decision, reader);
            Assert.Equal(decisionId, trail.GetProperty("decisionId").GetGuid());
            Assert.Equal("Decided", trail.GetProperty("status").GetString());

            var items = trail.GetProperty("agendaItems");
            Assert.Equal(new[] { item, other }, TrailProject.Ids(items, "itemId"));
            Assert.Equal("Nobody answers the crisis line after 10pm", items[0].GetProperty("title").GetString());
            Assert.Equal(people.ThirdContributor, items[0].GetProperty("proposedBy").GetGuid());
            Assert.Equal("Contributor", items[0].GetProperty("proposerRole").GetString());
            Assert.False(items[0].GetProperty("withdrawn").GetBoolean());

            Assert.Equal(2, trail.GetProperty("voters").GetInt32());
            var consent = trail.GetProperty("results").GetProperty("consent");
            Assert.Equal((1, 1, true), (consent.GetProperty("agree").GetInt32(), consent.GetProperty("disagree").GetInt32(), trail.GetProperty("results").GetProperty("dissent").GetArrayLength() == 1));

            var outcome = trail.GetProperty("outcome");
            Assert.Equal("Two more call handlers until midnight, from January.", outcome.GetProperty("statement").GetString());
            Assert.Equal(reviewDate.ToUnixTimeSeconds(), outcome.GetProperty("reviewDate").GetDateTimeOffset().ToUnixTimeSeconds());

            var trailActions = trail.GetProperty("actions");
            Assert.Equal(new[] { actionId }, TrailProject.Ids(trailActions, "actionId"));
            Assert.Equal("InProgress", trailActions[0].GetProperty("status").GetString());

            var surveys = trail.GetProperty("surveys");
            Assert.Equal(new[] { EvaluationProject.Id(survey) }, TrailProject.Ids(surveys, "surveyId"));
            Assert.Equal("Night-time support this month", surveys[0].GetProperty("title").GetString());
            Assert.Equal(1, surveys[0].GetProperty("respondents").GetInt32());

            var feedback = trail.GetProperty("feedback");
            Assert.Equal(new[] { feedbackId }, TrailProject.Ids(feedback, "id"));
            var response = Assert.Single(feedback[0].GetProperty("responses").EnumerateArray());
            Assert.Equal(people.ThirdContributor, response.GetProperty("personId").GetGuid());
            Assert.False(response.GetProperty("signOff").GetBoolean());
            Assert.Equal("Ten o'clock callers still wait.", response.GetProperty("comment").GetString());
        }

        // The proposer can follow the item from their own record to the decision.
        var record = await world.Contributions(people.ThirdContributor);
        var proposed = Assert.Single(record.GetProperty("projects")[0].GetProperty("itemsProposed").EnumerateArray());
        Assert.Equal(item, proposed.GetProperty("itemId").GetGuid());
        Assert.Equal(new[] { decisionId }, FeedbackProject.Guids(proposed.GetProperty("decisionIds")));
        var unrelatedRecord = await world.Contributions(people.SecondContributor);
        var parking = Assert.Single(unrelatedRecord.GetProperty("projects")[0].GetProperty("itemsProposed").EnumerateArray());
        Assert.Equal(new[] { DecisionProject.Id(unrelated) }, FeedbackProject.Guids(parking.GetProperty("decisionIds")));

        // Withdrawn later, the item stays in the trail and says so.
        await AgendaProject.Send(world.As(people.ThirdContributor), HttpMethod.Delete, $"{people.Url}/items/{item}", null, "\"1\"").Expect(HttpStatusCode.OK);
        Assert.True((await world.Trail(decision, people.Observer)).GetProperty("agendaItems")[0].GetProperty("withdrawn").GetBoolean());
    }

    [Fact]
    public async Task TheTrailIsShownOnlyWhereTheDecisionIs()
    {
        var app = database.Shared;
        var world = await TrailProject.Create(app);
        var people = world.People;
        var decision = await world.Decide("Consent", [await world.Item(people.Contributor, "Respite at weekends")]);
        var before = await world.Decisions.Snapshot(decision);

        foreach (var outsider in new[] { people.Stranger, people.OtherOrganisationAdmin, people.Supporter })
        {
            await world.As(outsider).GetAsync(world.TrailUrl(decision)).Expect(HttpStatusCode.NotFound);
        }

        var other = await TrailProject.Create(app);
        await world.As(people.Facilitator).GetAsync($"/api/projects/{other.People.ProjectId}/decisions/{DecisionProject.Id(decision)}/trail")
            .Expect(HttpStatusCode.NotFound);
        await world.As(people.Facilitator).GetAsync($"{world.Decisions.Url}/{Guid.NewGuid()}/trail").Expect(HttpStatusCode.NotFound);
        await world.As(people.FinanceStaff).GetAsync(world.TrailUrl(decision)).Expect(HttpStatusCode.OK);
        Assert.Equal(before, await world.Decisions.Snapshot(decision));
    }

    [Fact]
    public async Task TheTrailOfAnAnonymousDecisionNamesNoVoter()
    {
        var app = database.Shared;
        var world = await TrailProject.Create(app);
        var people = world.People;
        var item = await world.Item(people.Contributor, "Easy Read letters");
        var facilitatorsItem = await world.Item(people.Facilitator, "Letters in plain English");
        var decision = await world.Decide("Consent", [item, facilitatorsItem], extra: new { anonymous = true });
        await world.Decisions.Vote(decision, people.SecondContributor, new { position = "Block", reason = "Not without a pictures version." })
            .Expect(HttpStatusCode.OK);
        await world.Decisions.Vote(decision, people.ThirdContributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        await world.Decisions.Close(decision).Expect(HttpStatusCode.OK);

        foreach (var reader in new[] { people.Facilitator, people.Contributor })
        {
            var trail = await world.Trail(decision, reader);
            var text = trail.GetRawText();
            Assert.DoesNotContain(people.SecondContributor.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(people.ThirdContributor.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(2, trail.GetProperty("voters").GetInt32());
            var dissent = Assert.Single(trail.GetProperty("results").GetProperty("dissent").EnumerateArray());
            Assert.Equal("Block", dissent.GetProperty("position").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, dissent.GetProperty("personId").ValueKind);
        }

        // Every contributor, as for any anonymous decision, plus the facilitator whose item it took up; each once.
        var id = await world.Feedback.Published(decision);
        var entry = await (await world.As(people.Facilitator).GetAsync($"{world.Feedback.Url}/{id}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(
            new[] { people.Contributor, people.SecondContributor, people.ThirdContributor, people.Facilitator }.Order(),
            FeedbackProject.Guids(entry.GetProperty("addressees")).Order());
        await world.Feedback.Respond(id, people.Facilitator, true).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task HiddenResultsStayHiddenInTheTrailUntilClose()
    {
        var app = database.Shared;
        var world = await TrailProject.Create(app);
        var people = world.People;
        var decision = await world.Decide(
            "ChooseOne", [await world.Item(people.Contributor, "Where we meet")], ["Library", "Town hall"], new { hideResultsUntilClose = true });
        var library = DecisionProject.Option(decision, 0);
        await world.Decisions.Vote(decision, people.Contributor, new { choice = library }).Expect(HttpStatusCode.OK);
        await world.Decisions.Vote(decision, people.SecondContributor, new { choice = library }).Expect(HttpStatusCode.OK);

        foreach (var reader in new[] { people.Facilitator, people.Contributor, people.Observer })
        {
            var open = await world.Trail(decision, reader);
            Assert.Equal(2, open.GetProperty("voters").GetInt32());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, open.GetProperty("results").ValueKind);
            Assert.DoesNotContain(library.ToString(), open.GetRawText(), StringComparison.OrdinalIgnoreCase);
        }

        await world.Decisions.Close(decision).Expect(HttpStatusCode.OK);
        var closed = await world.Trail(decision, people.Observer);
        Assert.Equal(new[] { library }, FeedbackProject.Guids(closed.GetProperty("results").GetProperty("winners")));
    }
}

public sealed class SqliteTrailApiTests(SqliteGateway database) : TrailApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresTrailApiTests(PostgresGateway database) : TrailApiTests(database), IClassFixture<PostgresGateway>;
