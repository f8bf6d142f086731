using CoProduce.Gateway.Auth;
using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Cli;

/// <summary>
/// A living example: a user-led network of two organisations, a project in pre-production, a handful
/// of participants (with a supporter), and a token for each so a newcomer can use the API as any of them.
/// </summary>
public static class DemoSeed
{
    public static async Task RunAsync(IServiceProvider services, TextWriter output)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var tokens = services.GetRequiredService<TokenService>();
        var people = new List<(string Who, Guid Id)>();
        Guid Person(string who)
        {
            var id = Guid.NewGuid();
            people.Add((who, id));
            return id;
        }

        var coordinator = Person("Jo, network coordinator and council admin");
        var nhsAdmin = Person("Dev, NHS trust admin");
        var facilitator = Person("Sam, council facilitator");
        var amira = Person("Amira, contributor (uses mental health services)");
        var tom = Person("Tom, contributor (unpaid carer)");
        var supporter = Person("Grace, Amira's peer advocate");
        var observer = Person("Lee, commissioner (observer)");

        await Profile(grains, amira, "Amira Hassan", "Amira", "she/her", [CommunicationPreference.EasyRead, CommunicationPreference.Breaks], livedExperience: true);
        await Profile(grains, tom, "Tom Price", null, "he/him", [CommunicationPreference.LargePrint], livedExperience: true);
        await grains.GetGrain<IPersonGrain>(amira).LinkSupporter(new Actor(amira), supporter, "peer advocate");

        var council = Guid.NewGuid();
        var trust = Guid.NewGuid();
        var network = Guid.NewGuid();
        var project = Guid.NewGuid();
        await grains.GetGrain<IOrganisationGrain>(council).Create(new Actor(coordinator), "Northshire County Council", OrganisationKind.LocalAuthority, "Jo");
        await grains.GetGrain<IOrganisationGrain>(council).SetMember(new Actor(coordinator), facilitator, "Sam", new HashSet<OrganisationRole> { OrganisationRole.Facilitator });
        await grains.GetGrain<IOrganisationGrain>(trust).Create(new Actor(nhsAdmin), "Northshire Health NHS Trust", OrganisationKind.NhsTrust, "Dev");
        await grains.GetGrain<IOrganisationGrain>(trust).SetMember(new Actor(nhsAdmin), coordinator, "Jo", new HashSet<OrganisationRole> { OrganisationRole.Admin });
        var networks = grains.GetGrain<INetworkGrain>(network);
        await networks.Create(new Actor(coordinator), "Northshire User Network");
        await networks.AddOrganisation(new Actor(coordinator), council);
        await networks.AddOrganisation(new Actor(coordinator), trust);
        foreach (var contributor in new[] { amira, tom })
        {
            await grains.GetGrain<IPersonGrain>(contributor).GrantConsent(new Actor(contributor), new ConsentScope(ConsentScopeKind.Network, network));
            await networks.AddToPool(new Actor(coordinator), contributor);
        }

        var projects = grains.GetGrain<IProjectGrain>(project);
        await projects.Create(new Actor(facilitator), council, network, "Better crisis support", "Redesigning out-of-hours crisis support with the people who use it.");
        // Each demo person is asked and accepts for themselves, as anyone joining a project does.
        foreach (var (person, role, consent) in new[]
        {
            (amira, ProjectRole.Contributor, new ParticipationConsent(ShowLivedExperience: true, CountInAggregates: true)),
            (tom, ProjectRole.Contributor, new ParticipationConsent(ShowLivedExperience: false, CountInAggregates: true)),
            (observer, ProjectRole.Observer, ParticipationConsent.None),
        })
        {
            await projects.RequestParticipation(new Actor(facilitator), person, role);
            await projects.AcceptParticipation(new Actor(person), consent);
        }
        var current = await projects.Get(new Actor(facilitator));
        await projects.UpdatePreProduction(new Actor(facilitator), new PreProductionText(
            ["Shape how crisis support works at night and at weekends", "Agree how we will know it is better"],
            new Scope(["Opening hours", "Who answers the phone", "How follow-up works"], ["The overall budget this year", "Legal duties under the Mental Health Act"]),
            "The council will act on the group's recommendations or explain, in writing and in person, why not.",
            ["Everyone is an equal", "Speak plainly; say if something is unclear", "Breaks when anyone needs one"],
            "Through the user network's pool and the carers' centre; we still want to hear from young people."),
            current.Version);
        await projects.ProposeBudgetLine(new Actor(facilitator), "Fees for contributors: 6 sessions x 2 people", 600m, "GBP");
        await projects.RecordAccessNeed(new Actor(amira, supporter), amira, "Papers in Easy Read a week before each session");

        var agenda = grains.GetGrain<IAgendaGrain>(project);
        await agenda.Propose(new Actor(amira, supporter), "Nobody answers after 10pm", "Calls at night go to voicemail.", "At night nobody picks up the phone.");
        await agenda.Propose(new Actor(tom), "Carers are not told what happens next", null, null);

        await output.WriteLineAsync("CoProduce demo created.");
        await output.WriteLineAsync($"  network      {network}  Northshire User Network");
        await output.WriteLineAsync($"  organisation {council}  Northshire County Council");
        await output.WriteLineAsync($"  organisation {trust}  Northshire Health NHS Trust");
        await output.WriteLineAsync($"  project      {project}  Better crisis support (pre-production)");
        await output.WriteLineAsync("People and tokens (send as 'Authorization: Bearer <token>'):");
        foreach (var (who, id) in people)
        {
            await output.WriteLineAsync($"  {who}\n    id {id}\n    token {tokens.Issue(id)}");
        }

        await output.WriteLineAsync($"Try: curl -H \"Authorization: Bearer <Amira's token>\" http://localhost:5080/api/projects/{project}");
    }

    private static async Task Profile(IGrainFactory grains, Guid id, string name, string? preferred, string pronouns, IReadOnlyList<CommunicationPreference> preferences, bool livedExperience) =>
        await grains.GetGrain<IPersonGrain>(id).SaveProfile(new Actor(id), new PersonProfile
        {
            Name = name,
            PreferredName = preferred,
            Pronouns = pronouns,
            CommunicationPreferences = preferences,
            LivedExperience = livedExperience,
        }, null);
}
