using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Journal.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Agenda;

/// <summary>
/// A project with someone in every position the agenda cares about, set up through the grains (the
/// projects API is built elsewhere), and helpers to call the agenda API as each of them.
/// </summary>
public sealed class AgendaProject(GatewayApplication app)
{
    public Guid ProjectId { get; } = Guid.NewGuid();

    public Guid OrganisationId { get; } = Guid.NewGuid();

    /// <summary>The organisation's admin, who started the project and so facilitates it.</summary>
    public Guid Facilitator { get; } = Guid.NewGuid();

    /// <summary>An organisation facilitator with no role in the project, who may still facilitate it.</summary>
    public Guid StaffFacilitator { get; } = Guid.NewGuid();

    /// <summary>A contributor with lived experience, who has linked <see cref="Supporter"/>.</summary>
    public Guid Contributor { get; } = Guid.NewGuid();

    public Guid SecondContributor { get; } = Guid.NewGuid();

    public Guid ThirdContributor { get; } = Guid.NewGuid();

    public Guid Observer { get; } = Guid.NewGuid();

    /// <summary>Organisation staff (finance) who can see the project but take no part in it.</summary>
    public Guid FinanceStaff { get; } = Guid.NewGuid();

    /// <summary>A peer advocate linked by <see cref="Contributor"/>; not in the project themselves.</summary>
    public Guid Supporter { get; } = Guid.NewGuid();

    public Guid Stranger { get; } = Guid.NewGuid();

    public Guid OtherOrganisationAdmin { get; } = Guid.NewGuid();

    public string Url => $"/api/projects/{ProjectId}/agenda";

    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<AgendaProject> Create(GatewayApplication app)
    {
        var project = new AgendaProject(app);
        await project.SetUp();
        return project;
    }

    public HttpClient As(Guid person) => app.CreateClient(person);

    public HttpClient AsSupporterOf(Guid person)
    {
        var client = app.CreateClient(Supporter);
        client.DefaultRequestHeaders.Add(ActorResolver.ActingWithHeader, person.ToString());
        return client;
    }

    /// <summary>Adds contributors with no lived experience recorded.</summary>
    public async Task<IReadOnlyList<Guid>> AddContributors(int count)
    {
        var people = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var person in people)
        {
            await Grains.GetGrain<IProjectGrain>(ProjectId).Enrol(new Actor(Facilitator), person, ProjectRole.Contributor);
        }

        return people;
    }

    public async Task<JsonElement> Propose(Guid person, string title)
    {
        var created = await As(person).PostJson($"{Url}/items", new { title }).Expect(HttpStatusCode.Created);
        return await created.Json();
    }

    public async Task<IReadOnlyList<Guid>> ProposeItems(params string[] titles)
    {
        var ids = new List<Guid>();
        foreach (var title in titles)
        {
            ids.Add((await Propose(Contributor, title)).GetProperty("id").GetGuid());
        }

        return ids;
    }

    public Task<HttpResponseMessage> OpenRanking(string method, int? dotsPerPerson = null) =>
        As(Facilitator).PostJson($"{Url}/ranking", new { method, dotsPerPerson });

    public Task<HttpResponseMessage> PlaceDots(Guid person, params (Guid Item, int Count)[] dots) =>
        As(person).PutJson($"{Url}/ranking/mine/dots", new { dots = dots.ToDictionary(d => d.Item, d => d.Count) });

    public Task<HttpResponseMessage> SubmitOrder(Guid person, params Guid[] order) =>
        As(person).PutJson($"{Url}/ranking/mine/order", new { order });

    public Task<HttpResponseMessage> Close() => As(Facilitator).PostAsync($"{Url}/ranking/close", null);

    public async Task<JsonElement> Read(Guid? person = null)
    {
        var response = await As(person ?? Facilitator).GetAsync(Url).Expect(HttpStatusCode.OK);
        return await response.Json();
    }

    /// <summary>The agenda exactly as stored, to show that a refused request changed nothing.</summary>
    public async Task<string> Snapshot()
    {
        var response = await As(Facilitator).GetAsync(Url).Expect(HttpStatusCode.OK);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    public async Task<JsonElement> Mine(Guid person) =>
        await (await As(person).GetAsync($"{Url}/ranking/mine").Expect(HttpStatusCode.OK)).Json();

    /// <summary>A request with If-Match, as an editor sends it.</summary>
    public Task<HttpResponseMessage> Send(Guid person, HttpMethod method, string url, object? body, string? ifMatch) =>
        Send(As(person), method, url, body, ifMatch);

    public static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>The agenda grain's journal, oldest first: what a live session would replay.</summary>
    public async Task<IReadOnlyList<GrainEvent>> Journal()
    {
        var stream = app.Services.GetRequiredService<IGrainEventStream>();
        return await stream.ReadAsync(new JournalId("agenda", ProjectId.ToString("D")), afterSequence: 0, limit: 1000);
    }

    private async Task SetUp()
    {
        var organisationId = OrganisationId;
        var organisation = Grains.GetGrain<IOrganisationGrain>(organisationId);
        var admin = new Actor(Facilitator);
        await organisation.Create(admin, "Northshire County Council", OrganisationKind.LocalAuthority, "Priya");
        await organisation.SetMember(admin, StaffFacilitator, "Sam", new HashSet<OrganisationRole> { OrganisationRole.Facilitator });
        await organisation.SetMember(admin, FinanceStaff, "Femi", new HashSet<OrganisationRole> { OrganisationRole.Finance });
        await Grains.GetGrain<IOrganisationGrain>(Guid.NewGuid())
            .Create(new Actor(OtherOrganisationAdmin), "Southshire NHS Trust", OrganisationKind.NhsTrust, "Olu");

        var contributor = Grains.GetGrain<IPersonGrain>(Contributor);
        await contributor.SaveProfile(new Actor(Contributor), new PersonProfile { Name = "Ada", LivedExperience = true }, null);
        await contributor.LinkSupporter(new Actor(Contributor), Supporter, "peer advocate");

        var project = Grains.GetGrain<IProjectGrain>(ProjectId);
        await project.Create(admin, organisationId, null, "Better home care at night", null);
        await project.Enrol(admin, Contributor, ProjectRole.Contributor);
        await project.Enrol(admin, SecondContributor, ProjectRole.Contributor);
        await project.Enrol(admin, ThirdContributor, ProjectRole.Contributor);
        await project.Enrol(admin, Observer, ProjectRole.Observer);
    }
}
