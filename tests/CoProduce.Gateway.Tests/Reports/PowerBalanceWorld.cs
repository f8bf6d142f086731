using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Feedback;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Grains.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Reports;

/// <summary>
/// A network with two projects and a known history over March and April 2026, on a clock the test
/// moves, so that every share in the power-balance report has one right answer (worked out beside each
/// step below and in the tests).
/// </summary>
public sealed class PowerBalanceWorld
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private PowerBalanceWorld(GatewayApplication app, ManualTimeProvider clock)
    {
        App = app;
        Clock = clock;
    }

    public GatewayApplication App { get; }

    public ManualTimeProvider Clock { get; }

    public Guid Organisation { get; } = Guid.NewGuid();

    public Guid Network { get; } = Guid.NewGuid();

    public Guid Project { get; } = Guid.NewGuid();

    public Guid SecondProject { get; } = Guid.NewGuid();

    /// <summary>The organisation's admin: coordinates the network, facilitates both projects; no lived experience.</summary>
    public Guid Admin { get; } = Guid.NewGuid();

    public Guid Facilitator { get; } = Guid.NewGuid();

    /// <summary>Contributors with lived experience.</summary>
    public Guid Ada { get; } = Guid.NewGuid();

    public Guid Bea { get; } = Guid.NewGuid();

    /// <summary>A contributor whose profile does not say lived experience.</summary>
    public Guid Cal { get; } = Guid.NewGuid();

    public Guid Observer { get; } = Guid.NewGuid();

    /// <summary>Finance staff of the organisation: can see the projects, takes no part.</summary>
    public Guid Finance { get; } = Guid.NewGuid();

    /// <summary>The admin of an organisation outside the network.</summary>
    public Guid ForeignAdmin { get; } = Guid.NewGuid();

    public Guid Stranger { get; } = Guid.NewGuid();

    private IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public HttpClient As(Guid person) => App.CreateClient(person);

    /// <summary>The people, projects and network, with no history yet.</summary>
    public static async Task<PowerBalanceWorld> People(GatewayApplication app, ManualTimeProvider clock)
    {
        var world = new PowerBalanceWorld(app, clock);
        await world.SetUp();
        return world;
    }

    /// <summary>The people and the whole history.</summary>
    public static async Task<PowerBalanceWorld> History(GatewayApplication app, ManualTimeProvider clock)
    {
        var world = await People(app, clock);
        await world.March();
        await world.April();
        return world;
    }

    private async Task SetUp()
    {
        var admin = new Actor(Admin);
        foreach (var (person, lived) in new[] { (Ada, true), (Bea, true), (Cal, false), (Facilitator, false), (Admin, false) })
        {
            await Grains.GetGrain<IPersonGrain>(person).SaveProfile(new Actor(person), new PersonProfile { Name = $"Person {person:N}"[..15], LivedExperience = lived }, null);
        }

        await Grains.GetGrain<IOrganisationGrain>(Organisation).Create(admin, "Northshire Carers Trust", OrganisationKind.Charity, "Admin");
        await Grains.GetGrain<IOrganisationGrain>(Organisation).SetMember(admin, Finance, "Finance", new HashSet<OrganisationRole> { OrganisationRole.Finance });
        await Grains.GetGrain<IOrganisationGrain>(Guid.NewGuid()).Create(new Actor(ForeignAdmin), "Southvale Council", OrganisationKind.LocalAuthority, "Admin");
        await Grains.GetGrain<INetworkGrain>(Network).Create(admin, "Northshire User Network");
        await Grains.GetGrain<INetworkGrain>(Network).AddOrganisation(admin, Organisation);
        foreach (var (project, name) in new[] { (Project, "Crisis line, nights"), (SecondProject, "=SUM(A1:A2), menus") })
        {
            var projects = Grains.GetGrain<IProjectGrain>(project);
            await projects.Create(admin, Organisation, Network, name, null);
            await projects.Enrol(admin, Facilitator, ProjectRole.Facilitator);
            await projects.Enrol(admin, Ada, ProjectRole.Contributor);
            await projects.Enrol(admin, Bea, ProjectRole.Contributor);
            await projects.Enrol(admin, Cal, ProjectRole.Contributor);
            await projects.Enrol(admin, Observer, ProjectRole.Observer);
        }
    }

    /// <summary>
    /// March. Project: 4 agenda items, 2 by people with lived experience. D1 (choose one, lived-experience
    /// quorum 2, named): Ada and Bea choose Library, Cal, the facilitator and the admin choose Hub; Hub
    /// wins, against the lived-experience choice; fed back 3 days after closing. D2 (consent, anonymous,
    /// no lived-experience quorum): Ada and Cal agree; never fed back. Self-assessment: Consultation, then Engagement.
    /// Second project: 1 item by the admin; D4 (choose one, named, no quorum): only Ada votes, Library wins; fed back a day later.
    /// </summary>
    private async Task March()
    {
        await Propose(Project, Ada, "Nobody answers after 10pm");
        await Propose(Project, Ada, "Call handlers who know us");
        await Propose(Project, Cal, "A text service");
        await Propose(Project, Admin, "Budget for next year");

        var d1 = await Decide(Project, DecisionMethod.ChooseOne, ["Library", "Hub"], new Quorum(0, 2), anonymous: false);
        await Vote(Project, d1.Id, Ada, new Ballot(Choice: d1.Options[0].Id));
        await Vote(Project, d1.Id, Bea, new Ballot(Choice: d1.Options[0].Id));
        await Vote(Project, d1.Id, Cal, new Ballot(Choice: d1.Options[1].Id));
        await Vote(Project, d1.Id, Facilitator, new Ballot(Choice: d1.Options[1].Id));
        await Vote(Project, d1.Id, Admin, new Ballot(Choice: d1.Options[1].Id));
        await Close(Project, d1.Id);

        var d2 = await Decide(Project, DecisionMethod.Consent, [], new Quorum(0, 0), anonymous: true);
        await Vote(Project, d2.Id, Ada, new Ballot(ConsentPosition.Agree));
        await Vote(Project, d2.Id, Cal, new Ballot(ConsentPosition.Agree));
        await Close(Project, d2.Id);

        await Propose(SecondProject, Admin, "Hot meals at lunch");
        var d4 = await Decide(SecondProject, DecisionMethod.ChooseOne, ["Library", "Hub"], new Quorum(0, 0), anonymous: false);
        await Vote(SecondProject, d4.Id, Ada, new Ballot(Choice: d4.Options[0].Id));
        await Close(SecondProject, d4.Id);
        await Assess(Ada, CoProductionLevel.Consultation);

        Clock.Advance(TimeSpan.FromDays(1));
        await FeedBack(SecondProject, d4.Id);
        Clock.Advance(TimeSpan.FromDays(2));
        await FeedBack(Project, d1.Id);
        await Assess(Facilitator, CoProductionLevel.Engagement);
    }

    /// <summary>
    /// April. Project: 1 item by Bea. D3 (ranked choice, lived-experience quorum 1, named): Ada, Cal and the
    /// facilitator all put Phone first; no feedback yet. Self-assessment: CoDesign, by Bea.
    /// </summary>
    private async Task April()
    {
        Clock.Advance(TimeSpan.FromDays(30));
        await Propose(Project, Bea, "Peer support on the line");
        var d3 = await Decide(Project, DecisionMethod.RankedChoice, ["Phone", "Text", "Video"], new Quorum(0, 1), anonymous: false);
        await Vote(Project, d3.Id, Ada, new Ballot(Ranking: [d3.Options[0].Id, d3.Options[1].Id]));
        await Vote(Project, d3.Id, Cal, new Ballot(Ranking: [d3.Options[0].Id, d3.Options[2].Id]));
        await Vote(Project, d3.Id, Facilitator, new Ballot(Ranking: [d3.Options[0].Id]));
        await Close(Project, d3.Id);
        await Assess(Bea, CoProductionLevel.CoDesign);
    }

    private Task<AgendaItem> Propose(Guid project, Guid person, string title) =>
        Grains.GetGrain<IAgendaGrain>(project).Propose(new Actor(person), title, null, null);

    private async Task<DecisionView> Decide(Guid project, DecisionMethod method, string[] options, Quorum quorum, bool anonymous)
    {
        var created = await Grains.GetGrain<IDecisionGrain>(Guid.NewGuid()).Create(new Actor(Admin), project, new DecisionSpec(
            $"{method} decision", null, method, options, null, Clock.GetUtcNow().AddDays(7), quorum, anonymous, false, null, null, null));
        return created.Value;
    }

    private Task<MyBallot> Vote(Guid project, Guid decision, Guid person, Ballot ballot) =>
        Grains.GetGrain<IDecisionGrain>(decision).Vote(new Actor(person), project, ballot);

    private Task<Versioned<DecisionView>> Close(Guid project, Guid decision) => Grains.GetGrain<IDecisionGrain>(decision).Close(new Actor(Admin), project);

    private async Task FeedBack(Guid project, Guid decision)
    {
        var id = Guid.NewGuid();
        await Grains.GetGrain<IFeedbackGrain>(id).Create(new Actor(Admin), project, new FeedbackSpec(decision, "You said", "We did", null, []));
        await Grains.GetGrain<IFeedbackGrain>(id).Publish(new Actor(Admin), project);
    }

    private Task<SelfAssessmentView> Assess(Guid person, CoProductionLevel level) =>
        Grains.GetGrain<ISelfAssessmentGrain>(Project).Record(new Actor(person), level, null);
}
