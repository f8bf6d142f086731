using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Delivery;
using CoProduce.Grains.Evaluation;
using CoProduce.Grains.Feedback;
using CoProduce.Grains.Live;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.Payments;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Grains.Recognition;
using CoProduce.Grains.Representation;

namespace CoProduce.Gateway.Tests.Hostile;

/// <summary>
/// Two tenants with a little of everything: organisation A (the caller's own world) and organisation B
/// (another tenant), each with a network, a project, participants, a budget line, an access need, an
/// agenda item, a decision, a delivery action, published feedback, a measure and a survey, so that every
/// route parameter has a real id of each tenant to be tried with.
/// </summary>
public sealed class HostileWorld
{
    public required Tenant Own { get; init; }

    public required Tenant Foreign { get; init; }

    public static async Task<HostileWorld> CreateAsync(IGrainFactory grains) =>
        new() { Own = await Tenant.CreateAsync(grains, "A"), Foreign = await Tenant.CreateAsync(grains, "B") };
}

public sealed record Tenant(
    Guid Admin,
    Guid Facilitator,
    Guid Contributor,
    Guid Observer,
    Guid Supporter,
    Guid Organisation,
    Guid Network,
    Guid Project,
    Guid BudgetLine,
    Guid AccessNeed,
    Guid AgendaItem,
    Guid Decision,
    Guid Action,
    Guid Feedback,
    Guid Measure,
    Guid Survey,
    Guid Claim,
    Guid Session)
{
    /// <summary>The id this tenant has for a route parameter, by the parameter's name.</summary>
    public string IdFor(string parameter) => parameter.ToUpperInvariant() switch
    {
        "ORGANISATIONID" => Organisation.ToString(),
        "NETWORKID" => Network.ToString(),
        "PROJECTID" => Project.ToString(),
        "PERSONID" => Contributor.ToString(),
        "SUPPORTERID" => Supporter.ToString(),
        "LINEID" => BudgetLine.ToString(),
        "NEEDID" => AccessNeed.ToString(),
        "ITEMID" => AgendaItem.ToString(),
        "DECISIONID" => Decision.ToString(),
        "ACTIONID" => Action.ToString(),
        "FEEDBACKID" => Feedback.ToString(),
        "MEASUREID" => Measure.ToString(),
        "SURVEYID" => Survey.ToString(),
        "KIND" => "Organisation",
        "PAYERKIND" => "Organisation",
        "PAYERID" => Organisation.ToString(),
        "CLAIMID" => Claim.ToString(),
        "SESSIONID" => Session.ToString(),
        "ENTRYID" => "1",
        "ID" => Organisation.ToString(),
        _ => Guid.NewGuid().ToString(),
    };

    public static async Task<Tenant> CreateAsync(IGrainFactory grains, string name)
    {
        var (admin, facilitator, contributor, observer, supporter) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (organisation, network, project) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var asAdmin = new Actor(admin);
        await grains.GetGrain<IPersonGrain>(contributor).SaveProfile(new Actor(contributor), new PersonProfile { Name = $"Contributor {name}", LivedExperience = true }, null);
        await grains.GetGrain<IPersonGrain>(contributor).LinkSupporter(new Actor(contributor), supporter, "peer advocate");
        await grains.GetGrain<IOrganisationGrain>(organisation).Create(asAdmin, $"Organisation {name}", OrganisationKind.Charity, "Admin");
        await grains.GetGrain<IOrganisationGrain>(organisation).SetMember(asAdmin, facilitator, "Facilitator", new HashSet<OrganisationRole> { OrganisationRole.Facilitator });
        await grains.GetGrain<INetworkGrain>(network).Create(asAdmin, $"Network {name}");
        await grains.GetGrain<INetworkGrain>(network).AddOrganisation(asAdmin, organisation);
        var projects = grains.GetGrain<IProjectGrain>(project);
        await projects.Create(asAdmin, organisation, network, $"Project {name}", "A project for hostile input.");
        await projects.Enrol(asAdmin, contributor, ProjectRole.Contributor);
        await projects.Enrol(asAdmin, observer, ProjectRole.Observer);
        var budget = await projects.ProposeBudgetLine(asAdmin, "Fees for contributors", 120m, "GBP");
        var need = await projects.RecordAccessNeed(new Actor(contributor), contributor, "Easy Read papers a week ahead");
        var item = await grains.GetGrain<IAgendaGrain>(project).Propose(new Actor(contributor), "Waiting times", "Why waits are so long", null);

        // An anonymous consent proposal closing far beyond the test, so no reminder fires while it runs.
        var decision = Guid.NewGuid();
        await grains.GetGrain<IDecisionGrain>(decision).Create(asAdmin, project, new DecisionSpec(
            "Move the group to evenings", null, DecisionMethod.Consent, [], null, DateTimeOffset.UtcNow.AddDays(7),
            new Quorum(1, 1), Anonymous: true, HideResultsUntilClose: false, null, null, null, AgendaItemIds: [item.Id]));
        var action = Guid.NewGuid();
        await grains.GetGrain<IDeliveryActionGrain>(action).Create(asAdmin, project, new ActionSpec(
            "Open the group in the evenings", null, contributor, DateTimeOffset.UtcNow.AddDays(30), [decision]));

        // A closed decision with published feedback, so that responses have something to answer.
        var closed = Guid.NewGuid();
        var decisions = grains.GetGrain<IDecisionGrain>(closed);
        await decisions.Create(asAdmin, project, new DecisionSpec(
            "Meet at the library", null, DecisionMethod.Consent, [], null, DateTimeOffset.UtcNow.AddDays(7),
            new Quorum(0, 0), Anonymous: false, HideResultsUntilClose: false, null, null, null));
        await decisions.Vote(new Actor(contributor), project, new Ballot(ConsentPosition.Agree));
        await decisions.Close(asAdmin, project);
        var feedback = Guid.NewGuid();
        await grains.GetGrain<IFeedbackGrain>(feedback).Create(asAdmin, project, new FeedbackSpec(
            closed, "You asked to meet at the library.", "We booked it.", null, [action]));
        await grains.GetGrain<IFeedbackGrain>(feedback).Publish(asAdmin, project);

        var measure = await grains.GetGrain<IEvaluationGrain>(project).Propose(
            new Actor(contributor), new MeasureText("Calls answered at night", "Whether people get through", "A call diary", null));

        // An anonymous survey with one question of each kind, linked to the decision as evidence.
        var survey = Guid.NewGuid();
        await grains.GetGrain<ISurveyGrain>(survey).Create(asAdmin, project, new SurveySpec(
            "Night-time support", null, Anonymous: true,
            [
                new QuestionSpec("How easy was it?", QuestionKind.Scale, true, 5, null, null),
                new QuestionSpec("Who answered?", QuestionKind.SingleChoice, false, null, null, ["A carer", "Nobody"]),
                new QuestionSpec("What helped?", QuestionKind.MultipleChoice, false, null, null, ["Phone", "Visit"]),
                new QuestionSpec("Anything else?", QuestionKind.FreeText, false, null, null, null),
            ],
            [decision],
            []));
        // Payments: a rate card, the contributor's choice and a claim waiting for finance.
        var payer = new PayerRef(PayerKind.Organisation, organisation);
        await grains.GetGrain<IPayerGrain>(payer.Key).SetPolicy(asAdmin, new PaymentPolicy(
            "GBP", [new Rate("Expert by experience", "Meeting", RateUnit.Hour, 25m, new DateOnly(2020, 1, 1))],
            [new ExpenseRule(ExpenseCategory.Travel, 30m, false)], 14), null);
        await grains.GetGrain<IPayeeGrain>(contributor).Choose(new Actor(contributor), payer, PaymentChoiceKind.Accept, null, null);
        var claim = Guid.NewGuid();
        await grains.GetGrain<IClaimGrain>(claim).Submit(new Actor(contributor), project, new ClaimSpec(
            null, PayerKind.Organisation, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), "GBP", "Expert by experience", "Meeting", 2m,
            [new ExpenseLine(ExpenseCategory.Travel, 4.5m, "Bus")], false, null));
        // Recognition and representation: a session, consents, who the contributor speaks for, consented
        // diversity data and targets, so that refused requests have something they might change.
        await grains.GetGrain<IProjectRecognitionGrain>(project).RecordSession(asAdmin, new SessionSpec(
            "Workshop 1", DateOnly.FromDateTime(DateTime.UtcNow), 2m, [contributor]));
        await grains.GetGrain<IRecognitionGrain>(contributor).Consent(new Actor(contributor), project, $"Contributor {name}", true, true);
        var groups = await grains.GetGrain<INetworkGroupsGrain>(network).Add(asAdmin, "Young carers");
        var group = new GroupRef(network, groups.Value.Groups[0].Id);
        await grains.GetGrain<ISpeaksForGrain>(contributor).Set(new Actor(contributor), "Young carers in the county", [group]);
        await grains.GetGrain<IDiversityGrain>(contributor).Give(new Actor(contributor), true, [new DiversityAnswer(DiversityCharacteristic.AgeGroup, "18 to 24")]);
        await grains.GetGrain<IProjectRepresentationGrain>(project).SetTargets(asAdmin, [new RepresentationTarget(null, null, group, 2)], null);
        // A closed live session the contributor attended, so that attendance claims have a real session to refuse.
        var session = Guid.NewGuid();
        var live = grains.GetGrain<IProjectLiveGrain>(project);
        await live.Arrive("hostile-node", "hostile-connection", new CoProduce.Live.PresentPerson(contributor, $"Contributor {name}", CoProduce.Live.LiveRole.Contributor, null, null), null, null);
        await live.OpenSession(session, admin);
        await live.CloseSession(session, admin);
        return new Tenant(
            admin, facilitator, contributor, observer, supporter, organisation, network, project,
            budget.Value.PreProduction.Budget[0].Id, need.Value.PreProduction.AccessPlan[0].Id, item.Id, decision, action, feedback,
            measure.Id, survey, claim, session);
    }
}
