using System.Net;
using System.Text.Json;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Journal.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Projects;

/// <summary>
/// Everyone a project test needs: an organisation with an admin, a lead facilitator (who starts the
/// projects), another facilitator and a finance officer; project-only facilitator, contributor and
/// observer; the admin of another organisation; and a stranger.
/// </summary>
public sealed class ProjectWorld
{
    private ProjectWorld(GatewayApplication app) => App = app;

    public GatewayApplication App { get; }

    public Guid OrganisationId { get; private set; }

    public Guid ForeignOrganisationId { get; private set; }

    public Guid Admin { get; } = Guid.NewGuid();

    public Guid Lead { get; } = Guid.NewGuid();

    public Guid OrgFacilitator { get; } = Guid.NewGuid();

    public Guid Finance { get; } = Guid.NewGuid();

    public Guid ProjectFacilitator { get; } = Guid.NewGuid();

    public Guid Contributor { get; } = Guid.NewGuid();

    public Guid Observer { get; } = Guid.NewGuid();

    public Guid ForeignStaff { get; } = Guid.NewGuid();

    public Guid Stranger { get; } = Guid.NewGuid();

    public static async Task<ProjectWorld> CreateAsync(GatewayApplication app)
    {
        var world = new ProjectWorld(app);
        world.OrganisationId = await world.NewOrganisation(world.Admin, "Northshire County Council");
        await world.SetStaff(world.Lead, "Facilitator");
        await world.SetStaff(world.OrgFacilitator, "Facilitator");
        await world.SetStaff(world.Finance, "Finance");
        world.ForeignOrganisationId = await world.NewOrganisation(world.ForeignStaff, "Southvale NHS Trust");
        return world;
    }

    public HttpClient As(Guid person) => App.CreateClient(person);

    public Guid PersonFor(Caller caller) => caller switch
    {
        Caller.OrgAdmin => Admin,
        Caller.OrgFacilitator => OrgFacilitator,
        Caller.OrgFinance => Finance,
        Caller.ProjectFacilitator => ProjectFacilitator,
        Caller.ProjectContributor => Contributor,
        Caller.ProjectObserver => Observer,
        Caller.ForeignStaff => ForeignStaff,
        _ => Stranger,
    };

    /// <summary>The organisation's list of projects, as its admin reads it.</summary>
    public async Task<string> OrganisationProjects()
    {
        var response = await As(Admin).GetAsync($"/api/organisations/{OrganisationId}").Expect(HttpStatusCode.OK);
        return (await response.Json()).GetProperty("projects").GetRawText();
    }

    /// <summary>A client for a supporter acting with <paramref name="person"/>.</summary>
    public HttpClient ActingWith(Guid supporter, Guid person)
    {
        var client = App.CreateClient(supporter);
        client.DefaultRequestHeaders.Add("CoProduce-Acting-With", person.ToString());
        return client;
    }

    /// <summary>A project started by the lead, with the project facilitator, contributor and observer in it.</summary>
    public async Task<Guid> NewProject(string name = "Day services review")
    {
        var lead = As(Lead);
        var created = await lead.PostJson("/api/projects", new { organisationId = OrganisationId, name }).Expect(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        await SetParticipant(id, ProjectFacilitator, "Facilitator");
        await SetParticipant(id, Contributor, "Contributor");
        await SetParticipant(id, Observer, "Observer");
        return id;
    }

    /// <summary>Adds a person as they join (asked by the lead, accepting for themselves), or changes their role.</summary>
    public Task SetParticipant(Guid projectId, Guid personId, string role) =>
        Enrolment.Enrol(As, Lead, projectId, personId, role);

    /// <summary>The project as its lead reads it: the whole body and its ETag, to compare before and after.</summary>
    public async Task<Snapshot> Read(Guid projectId)
    {
        var response = await As(Lead).GetAsync($"/api/projects/{projectId}").Expect(HttpStatusCode.OK);
        return new Snapshot(await response.Content.ReadAsStringAsync(), response.Headers.ETag!.Tag);
    }

    /// <summary>A budget line proposed by the lead; its id.</summary>
    public async Task<Guid> NewBudgetLine(Guid projectId, string description = "Fees for 8 contributors, 6 sessions")
    {
        var response = await As(Lead)
            .PostJson($"/api/projects/{projectId}/budget-lines", new { description, amount = 2980.80m, currency = "GBP" })
            .Expect(HttpStatusCode.Created);
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    /// <summary>An access need of the contributor, recorded by the lead; its id.</summary>
    public async Task<Guid> NewAccessNeed(Guid projectId)
    {
        var response = await As(Lead)
            .PostJson($"/api/projects/{projectId}/access-needs", new { personId = Contributor, need = "Easy Read papers a week before" })
            .Expect(HttpStatusCode.Created);
        return (await response.Json()).GetProperty("id").GetGuid();
    }

    public Task LinkSupporter(Guid person, Guid supporter) =>
        App.Services.GetRequiredService<IGrainFactory>().GetGrain<IPersonGrain>(person).LinkSupporter(new Actor(person), supporter, "Peer advocate");

    /// <summary>The project's journalled events of one type, as JSON.</summary>
    public async Task<IReadOnlyList<JsonElement>> Events(Guid projectId, string type)
    {
        var events = await App.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new JournalId("project", projectId.ToString("D")), 0, 100);
        return [.. events.Where(e => e.Type == type).Select(e => JsonDocument.Parse(e.Json).RootElement.Clone())];
    }

    private async Task<Guid> NewOrganisation(Guid admin, string name)
    {
        var created = await As(admin).PostJson("/api/organisations", new { name, kind = "LocalAuthority", displayName = "Admin" })
            .Expect(HttpStatusCode.Created);
        return (await created.Json()).GetProperty("id").GetGuid();
    }

    private async Task SetStaff(Guid person, string role) =>
        await As(Admin).PutJson($"/api/organisations/{OrganisationId}/members/{person}", new { displayName = role, roles = new[] { role } })
            .Expect(HttpStatusCode.OK);
}

/// <summary>Who calls, in the role matrix's order.</summary>
public enum Caller
{
    OrgAdmin,
    OrgFacilitator,
    OrgFinance,
    ProjectFacilitator,
    ProjectContributor,
    ProjectObserver,
    ForeignStaff,
    Stranger,
}

/// <summary>A project's JSON and ETag at one moment.</summary>
public sealed record Snapshot(string Json, string ETag);
