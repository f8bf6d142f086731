using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Invitations;

public abstract class InvitationsApiTests(GatewayDatabase database)
{
    /// <summary>
    /// A project with a facilitator (its organisation's admin), in the class's shared application, or in one of its
    /// own when the test needs another clock, settings or services.
    /// </summary>
    private sealed record Setting(GatewayApplication App, bool OwnsApp, Guid FacilitatorId, HttpClient Facilitator, Guid OrganisationId, Guid ProjectId) : IAsyncDisposable
    {
        public string Invitations => $"/api/projects/{ProjectId}/invitations";

        public IProjectGrain Project => Scenario.Grains(App).GetGrain<IProjectGrain>(ProjectId);

        public ValueTask DisposeAsync() => OwnsApp ? App.DisposeAsync() : ValueTask.CompletedTask;
    }

    /// <summary>
    /// The class's tests redeem codes through one shared gateway, many more than its per-address limit in a minute;
    /// the limit itself is tested in RateLimitApiTests.
    /// </summary>
    private static readonly Dictionary<string, string?> SharedSettings = new() { ["CoProduce:RateLimits:RedeemsPerAddressPerMinute"] = "0" };

    private async Task<Setting> Start(ManualTimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var ownsApp = clock is not null || settings is not null || configureServices is not null;
        var app = !ownsApp
            ? database.SharedWith(SharedSettings)
            : clock is null
                ? new GatewayApplication(database, settings, configureServices: configureServices)
                : new GatewayApplication(database, settings, configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var facilitatorId = Guid.NewGuid();
        var facilitator = app.CreateClient(facilitatorId);
        var organisation = await Scenario.Organisation(facilitator);
        return new Setting(app, ownsApp, facilitatorId, facilitator, organisation, await Scenario.Project(app, facilitatorId, organisation));
    }

    private static async Task<JsonElement> Issue(Setting setting, object? body = null) =>
        await (await setting.Facilitator.PostJson(setting.Invitations, body ?? new { role = "Contributor", inviteeName = "Jo Bloggs" })
            .Expect(HttpStatusCode.Created)).Json();

    private static Task<HttpResponseMessage> Redeem(HttpClient client, string code) =>
        client.PostJson("/api/invitations/redeem", new { code });

    [Fact]
    public async Task AContributorJoinsWithACodeAndNoPassword()
    {
        await using var setting = await Start();
        var created = await setting.Facilitator.PostJson(setting.Invitations, new { role = "Contributor", inviteeName = "Jo Bloggs" })
            .Expect(HttpStatusCode.Created);
        var invitation = await created.Json();
        var code = invitation.GetProperty("code").GetString()!;
        var id = invitation.GetProperty("id").GetString()!;
        Assert.True(code.Length >= 22, "at least 128 bits of randomness");
        Assert.DoesNotContain(code, c => c is '+' or '/' or '=');
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code))), id);
        Assert.EndsWith($"/join#code={code}", invitation.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal("Contributor", invitation.GetProperty("role").GetString());
        var expiresIn = invitation.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromDays(13.9), TimeSpan.FromDays(14));
        Assert.Equal($"{setting.Invitations}/{id}", created.Headers.Location?.OriginalString);
        Assert.Contains(id, await setting.Project.Invitations());

        var redeemed = await (await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.OK)).Json();
        var personId = redeemed.GetProperty("personId").GetGuid();
        Assert.Equal(setting.ProjectId, redeemed.GetProperty("projectId").GetGuid());
        Assert.Equal("Contributor", redeemed.GetProperty("role").GetString());
        Assert.Equal(ProjectRole.Contributor, await setting.Project.RoleOf(personId));
        var view = await setting.Project.Get(new Actor(setting.FacilitatorId));
        var participant = Assert.Single(view.Value.Participants, p => p.PersonId == personId);
        Assert.Equal("Jo Bloggs", participant.DisplayName);
        Assert.Equal(setting.FacilitatorId, participant.InvitedBy);

        // The token signs the new contributor in: their profile and their project.
        var contributor = setting.App.CreateClient();
        contributor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", redeemed.GetProperty("token").GetString());
        var me = await (await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(personId, me.GetProperty("id").GetGuid());
        Assert.Equal("Jo Bloggs", me.GetProperty("profile").GetProperty("name").GetString());
        Assert.Contains(setting.ProjectId, me.GetProperty("projects").EnumerateArray().Select(p => p.GetGuid()));
    }

    [Fact]
    public async Task AnInvitedContributorsFirstProfileSaveNeedsNoIfMatchAndLaterSavesStillDo()
    {
        await using var setting = await Start();
        var code = (await Issue(setting)).GetProperty("code").GetString()!;
        var redeemed = await (await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.OK)).Json();
        var contributor = setting.App.CreateClient();
        contributor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", redeemed.GetProperty("token").GetString());
        var invited = await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK);

        // Redeeming gave them a profile with the invitation's name; their own first save replaces it without If-Match.
        var first = await contributor.PutJson("/api/me/profile", new { name = "Jo Bloggs", preferredName = "Jo", livedExperience = true })
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Jo", (await first.Json()).GetProperty("profile").GetProperty("preferredName").GetString());
        Assert.NotEqual(invited.Headers.ETag!.Tag, first.Headers.ETag!.Tag);

        // From then on, as for everyone: no If-Match is a 400, the invitation's (now stale) ETag a 412, and nothing changes.
        await contributor.PutJson("/api/me/profile", new { name = "Someone else" }).Expect(HttpStatusCode.BadRequest);
        await contributor.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", new { name = "Someone else" }, invited.Headers.ETag.Tag))
            .Expect(HttpStatusCode.PreconditionFailed);
        var me = await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK);
        Assert.Equal(first.Headers.ETag.Tag, me.Headers.ETag!.Tag);
        Assert.Equal("Jo", (await me.Json()).GetProperty("profile").GetProperty("preferredName").GetString());
        await contributor.SendAsync(Scenario.Request(HttpMethod.Put, "/api/me/profile", new { name = "Jo Bloggs", preferredName = "Joanne" }, first.Headers.ETag.Tag))
            .Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RedeemingKeepsAProfileThePersonSavedThemselvesAndItsIfMatchRule()
    {
        await using var setting = await Start();
        var personId = Guid.NewGuid();
        var person = setting.App.CreateClient(personId);
        await person.PutJson("/api/me/profile", new { name = "Sam Patel" }).Expect(HttpStatusCode.OK);
        var code = (await Issue(setting)).GetProperty("code").GetString()!;
        await Redeem(person, code).Expect(HttpStatusCode.OK);

        await person.PutJson("/api/me/profile", new { name = "Jo Bloggs" }).Expect(HttpStatusCode.BadRequest);
        var me = await (await person.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Sam Patel", me.GetProperty("profile").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnInvitationWithoutANameMakesAContributorCalledContributor()
    {
        await using var setting = await Start();
        var code = (await Issue(setting, new { role = "Observer" })).GetProperty("code").GetString()!;
        var personId = (await (await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.OK)).Json()).GetProperty("personId").GetGuid();
        Assert.Equal(ProjectRole.Observer, await setting.Project.RoleOf(personId));
        var participant = (await setting.Project.Get(new Actor(setting.FacilitatorId))).Value.Participants.Single(p => p.PersonId == personId);
        Assert.Equal("Contributor", participant.DisplayName);
    }

    [Fact]
    public async Task ACodeWorksOnlyOnce()
    {
        await using var setting = await Start();
        var code = (await Issue(setting)).GetProperty("code").GetString()!;
        await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.OK);
        var again = await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.Conflict);
        Assert.Contains("already been used", (await again.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await setting.Project.Get(new Actor(setting.FacilitatorId))).Value.Participants.Count);
    }

    [Fact]
    public async Task OfConcurrentRedemptionsOfOneCodeExactlyOneWins()
    {
        await using var setting = await Start();
        var code = (await Issue(setting)).GetProperty("code").GetString()!;
        var attempts = Enumerable.Range(0, 8).Select(_ => Redeem(setting.App.CreateClient(), code)).ToList();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var participants = (await setting.Project.Get(new Actor(setting.FacilitatorId))).Value.Participants;
        Assert.Equal(2, participants.Count);
        var winner = await (responses.Single(r => r.StatusCode == HttpStatusCode.OK)).Json();
        Assert.Contains(participants, p => p.PersonId == winner.GetProperty("personId").GetGuid());
    }

    [Fact]
    public async Task AnExpiredCodeIsRefusedAndListedAsExpired()
    {
        var clock = new ManualTimeProvider();
        await using var setting = await Start(clock);
        var shortLived = (await Issue(setting, new { role = "Contributor", expiresInDays = 1 })).GetProperty("code").GetString()!;
        var longer = (await Issue(setting, new { role = "Contributor", expiresInDays = 3 })).GetProperty("code").GetString()!;

        clock.Advance(TimeSpan.FromDays(2));
        var refused = await Redeem(setting.App.CreateClient(), shortLived).Expect(HttpStatusCode.Conflict);
        Assert.Contains("expired", (await refused.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Redeem(setting.App.CreateClient(), longer).Expect(HttpStatusCode.OK);

        // The facilitator's token was issued before the clock moved on; sign in afresh.
        var facilitator = setting.App.CreateClient(setting.FacilitatorId);
        var list = await (await facilitator.GetAsync(setting.Invitations).Expect(HttpStatusCode.OK)).Json();
        var statuses = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ToList();
        Assert.Equal(new[] { "Expired", "Redeemed" }, statuses);
    }

    [Fact]
    public async Task ARevokedCodeIsRefused()
    {
        await using var setting = await Start();
        var invitation = await Issue(setting);
        var id = invitation.GetProperty("id").GetString()!;
        var revoked = await (await setting.Facilitator.DeleteAsync($"{setting.Invitations}/{id}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Revoked", revoked.GetProperty("status").GetString());
        await setting.Facilitator.DeleteAsync($"{setting.Invitations}/{id}").Expect(HttpStatusCode.OK);

        var refused = await Redeem(setting.App.CreateClient(), invitation.GetProperty("code").GetString()!).Expect(HttpStatusCode.Conflict);
        Assert.Contains("withdrawn", (await refused.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single((await setting.Project.Get(new Actor(setting.FacilitatorId))).Value.Participants);
    }

    [Fact]
    public async Task AUsedInvitationCannotBeRevoked()
    {
        await using var setting = await Start();
        var invitation = await Issue(setting);
        await Redeem(setting.App.CreateClient(), invitation.GetProperty("code").GetString()!).Expect(HttpStatusCode.OK);
        await setting.Facilitator.DeleteAsync($"{setting.Invitations}/{invitation.GetProperty("id").GetString()}").Expect(HttpStatusCode.Conflict);
    }

    /// <summary>63,000 random codes once grew the gateway by 80 MB: each one left an invitation activation behind for 15 minutes.</summary>
    [Fact]
    public async Task GuessingCodesLeavesNoActivationBehind()
    {
        // Guessing is rate limited too (RateLimitApiTests); this test is about what each guess leaves behind.
        await using var setting = await Start(settings: new Dictionary<string, string?> { ["CoProduce:RateLimits:RedeemsPerAddressPerMinute"] = "0" });
        // Orleans' management grain counts the silo's activations: what a guessed code used to grow.
        var management = Scenario.Grains(setting.App).GetGrain<IManagementGrain>(0);
        Task<int> Activations() => management.GetTotalActivationCount();
        var before = await Activations();
        var anonymous = setting.App.CreateClient();
        for (var i = 0; i < 200; i++)
        {
            await Redeem(anonymous, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))).Expect(HttpStatusCode.NotFound);
            await setting.Facilitator.GetAsync($"{setting.Invitations}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}").Expect(HttpStatusCode.NotFound);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Activations() > before + 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.InRange(await Activations(), 0, before + 5);
    }

    [Theory]
    [InlineData("never-issued-code-aaaaaaaaaaaaaaaaaaaa")]
    [InlineData("x")]
    public async Task AnUnknownCodeIsNotFound(string code)
    {
        await using var setting = await Start();
        var response = await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"code\":null}")]
    [InlineData("{\"code\":\"  \"}")]
    [InlineData("{\"code\":42}")]
    [InlineData("{\"code\":\"abc\",\"personId\":\"6f1c1f8e-4d5e-4a7a-9a55-3a8a4e0b2c11\"}")]
    public async Task AMalformedRedemptionIsABadRequest(string json)
    {
        await using var setting = await Start();
        await setting.App.CreateClient().PostAsync("/api/invitations/redeem", new StringContent(json, Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        await Redeem(setting.App.CreateClient(), new string('a', 129)).Expect(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ASignedInPersonJoinsAsThemselves()
    {
        await using var setting = await Start();
        var personId = Guid.NewGuid();
        var person = setting.App.CreateClient(personId);
        await person.PutJson("/api/me/profile", new { name = "Sam Patel" }).Expect(HttpStatusCode.OK);
        var code = (await Issue(setting)).GetProperty("code").GetString()!;

        var redeemed = await (await Redeem(person, code).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(personId, redeemed.GetProperty("personId").GetGuid());
        Assert.Equal(ProjectRole.Contributor, await setting.Project.RoleOf(personId));
        var me = await (await person.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Sam Patel", me.GetProperty("profile").GetProperty("name").GetString());

        // A second click by the same person is answered kindly; nobody else can use the code.
        await Redeem(person, code).Expect(HttpStatusCode.OK);
        await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task SomeoneAlreadyInTheProjectLeavesTheInvitationForItsInvitee()
    {
        await using var setting = await Start();
        var code = (await Issue(setting)).GetProperty("code").GetString()!;
        await Redeem(setting.Facilitator, code).Expect(HttpStatusCode.Conflict);
        Assert.Equal(ProjectRole.Facilitator, await setting.Project.RoleOf(setting.FacilitatorId));
        await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnlyFacilitatorsManageInvitationsAndOthersChangeNothing()
    {
        await using var setting = await Start();
        var invitation = await Issue(setting);
        var id = invitation.GetProperty("id").GetString()!;
        var contributor = await (await Redeem(setting.App.CreateClient(), invitation.GetProperty("code").GetString()!).Expect(HttpStatusCode.OK)).Json();
        var asContributor = setting.App.CreateClient(contributor.GetProperty("personId").GetGuid());
        var stranger = setting.App.CreateClient(Guid.NewGuid());
        var open = await Issue(setting);
        var openId = open.GetProperty("id").GetString()!;

        await stranger.PostJson(setting.Invitations, new { role = "Contributor" }).Expect(HttpStatusCode.NotFound);
        await stranger.GetAsync(setting.Invitations).Expect(HttpStatusCode.NotFound);
        await stranger.GetAsync($"{setting.Invitations}/{openId}").Expect(HttpStatusCode.NotFound);
        await stranger.DeleteAsync($"{setting.Invitations}/{openId}").Expect(HttpStatusCode.NotFound);
        await stranger.PostJson($"/api/projects/{Guid.NewGuid()}/invitations", new { role = "Contributor" }).Expect(HttpStatusCode.NotFound);

        await asContributor.PostJson(setting.Invitations, new { role = "Facilitator" }).Expect(HttpStatusCode.Forbidden);
        await asContributor.GetAsync(setting.Invitations).Expect(HttpStatusCode.Forbidden);
        await asContributor.DeleteAsync($"{setting.Invitations}/{openId}").Expect(HttpStatusCode.Forbidden);

        Assert.Equal(new[] { id, openId }, await setting.Project.Invitations());
        var listed = await (await setting.Facilitator.GetAsync($"{setting.Invitations}?limit=1&offset=1").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("Open", item.GetProperty("status").GetString());
        Assert.False(item.TryGetProperty("code", out _));
        await Redeem(setting.App.CreateClient(), open.GetProperty("code").GetString()!).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnInvitationIsManagedOnlyThroughItsOwnProject()
    {
        await using var setting = await Start();
        var otherProject = await Scenario.Project(setting.App, setting.FacilitatorId, setting.OrganisationId);
        var invitation = await Issue(setting);
        var id = invitation.GetProperty("id").GetString()!;
        await setting.Facilitator.DeleteAsync($"/api/projects/{otherProject}/invitations/{id}").Expect(HttpStatusCode.NotFound);
        await setting.Facilitator.GetAsync($"/api/projects/{otherProject}/invitations/{id}").Expect(HttpStatusCode.NotFound);
        await setting.Facilitator.DeleteAsync($"{setting.Invitations}/not-an-id").Expect(HttpStatusCode.NotFound);
        await setting.Facilitator.DeleteAsync($"{setting.Invitations}/{new string('a', 64)}").Expect(HttpStatusCode.NotFound);
        var read = await (await setting.Facilitator.GetAsync($"{setting.Invitations}/{id}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Open", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OnlyTheHashOfTheCodeIsKept()
    {
        await using var setting = await Start();
        var invitation = await Issue(setting);
        var code = invitation.GetProperty("code").GetString()!;
        var journal = await setting.App.Services.GetRequiredService<CoProduce.Journal.Events.IGrainEventStream>()
            .ReadAsync(new CoProduce.Journal.Events.JournalId("invitation", invitation.GetProperty("id").GetString()!), 0, 100);
        var issued = Assert.Single(journal);
        Assert.Equal("InvitationIssued", issued.Type);
        Assert.DoesNotContain(code, issued.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"role\":\"Contributor\",\"expiresInDays\":0}")]
    [InlineData("{\"role\":\"Contributor\",\"expiresInDays\":91}")]
    [InlineData("{\"role\":\"Chair\"}")]
    [InlineData("{\"role\":2}")]
    [InlineData("{}")]
    [InlineData("{\"role\":\"Contributor\",\"extra\":true}")]
    [InlineData("{\"role\":\"Contributor\",\"expiresInDays\":\"soon\"}")]
    public async Task AMalformedInvitationIsABadRequestAndIssuesNothing(string json)
    {
        await using var setting = await Start();
        await setting.Facilitator.PostAsync(setting.Invitations, new StringContent(json, Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        await setting.Facilitator.PostJson(setting.Invitations, new { role = "Contributor", inviteeName = new string('n', 201) })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Empty(await setting.Project.Invitations());
    }

    [Fact]
    public async Task ARedeemSentAgainAfterItFailedPartWayJoinsTheSamePersonOnce()
    {
        // The project admits the invitee, then telling the person's own grain fails once: the redeem answers 503.
        var fault = new FailOnce();
        await using var setting = await Start(configureServices: services => services.AddSingleton<IIncomingGrainCallFilter>(fault));
        var code = (await Issue(setting)).GetProperty("code").GetString()!;
        fault.Armed = true;

        await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(1, fault.Failed);
        var redeemed = await (await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.OK)).Json();

        // One person under the invitee's name, the one the successful redeem answered, and the project is on their list.
        var personId = redeemed.GetProperty("personId").GetGuid();
        var view = await setting.Project.Get(new Actor(setting.FacilitatorId));
        var invitee = Assert.Single(view.Value.Participants, p => p.DisplayName == "Jo Bloggs");
        Assert.Equal(personId, invitee.PersonId);
        Assert.Equal(2, view.Value.Participants.Count);
        var contributor = setting.App.CreateClient();
        contributor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", redeemed.GetProperty("token").GetString());
        var me = await (await contributor.GetAsync("/api/me").Expect(HttpStatusCode.OK)).Json();
        Assert.Contains(setting.ProjectId, me.GetProperty("projects").EnumerateArray().Select(p => p.GetGuid()));
        await Redeem(setting.App.CreateClient(), code).Expect(HttpStatusCode.Conflict);
    }

    /// <summary>Once armed, fails the next call that records a joined project on a person's grain, as a node dying would.</summary>
    private sealed class FailOnce : IIncomingGrainCallFilter
    {
        private int _failed;

        public volatile bool Armed;

        public int Failed => _failed;

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (Armed && context.InterfaceMethod?.DeclaringType == typeof(CoProduce.Grains.People.IPersonGrain)
                && context.InterfaceMethod.Name == nameof(CoProduce.Grains.People.IPersonGrain.Joined)
                && Interlocked.CompareExchange(ref _failed, 1, 0) == 0)
            {
                throw new TimeoutException("The person's silo did not answer (test fault).");
            }

            return context.Invoke();
        }
    }
}

public sealed class SqliteInvitationsApiTests(SqliteGateway database) : InvitationsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresInvitationsApiTests(PostgresGateway database) : InvitationsApiTests(database), IClassFixture<PostgresGateway>;
