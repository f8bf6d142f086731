using System.Net;
using System.Net.Http.Headers;
using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>
/// Two organisations with their own identity providers against the running gateway: a provider signs in its own
/// organisation's staff and nobody else, and every token that borrows another issuer's trust is a 401 with problem details.
/// </summary>
public abstract class IdentityProviderApiTests(ITestDatabase database)
{
    [Fact]
    public async Task AProvidersTokenSignsInItsOrganisationsStaffOnlyOnceAnAdminGaveThemARole()
    {
        await using var world = await World.Create(database);
        var alice = world.A.Token("alice");
        await Me(world.App, alice).Expect(HttpStatusCode.Unauthorized);

        // Only an admin of the organisation learns who "alice" is; then gives her a role.
        var lookup = $"/api/organisations/{world.A.OrganisationId}/identity-provider/people?subject=alice";
        await world.App.CreateClient(world.AdminB).GetAsync(lookup).Expect(HttpStatusCode.NotFound);
        var found = await (await world.App.CreateClient(world.AdminA).GetAsync(lookup).Expect(HttpStatusCode.OK)).Json();
        var aliceId = found.GetProperty("personId").GetGuid();
        await Scenario.AddStaff(world.App.CreateClient(world.AdminA), world.A.OrganisationId, aliceId);

        var me = await (await Me(world.App, alice).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(aliceId, me.GetProperty("id").GetGuid());
        await Send(world.App, $"/api/organisations/{world.A.OrganisationId}", alice).Expect(HttpStatusCode.OK);
        await Send(world.App, $"/api/organisations/{world.B.OrganisationId}", alice).Expect(HttpStatusCode.NotFound);

        // Revocation holds for a provider's tokens too.
        await Send(world.App, "/api/me/tokens/revoke", alice, HttpMethod.Post).Expect(HttpStatusCode.OK);
        await Me(world.App, alice).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RemovingSomeonesLastRoleSignsThemOutOfTheProvidersTokens()
    {
        await using var world = await World.Create(database);
        var carol = await world.Staff(world.A, "carol", world.AdminA);
        var token = world.A.Token("carol");
        await Me(world.App, token).Expect(HttpStatusCode.OK);

        await world.App.CreateClient(world.AdminA).PutJson($"/api/organisations/{world.A.OrganisationId}/members/{carol}", new { displayName = "Carol", roles = Array.Empty<string>() })
            .Expect(HttpStatusCode.OK);
        await Eventually.Until(async () => (await Me(world.App, token)).StatusCode, s => s == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(20), "carol's provider token refused once she holds no role");
    }

    [Fact]
    public async Task TokensThatBorrowAnotherIssuersTrustAre401()
    {
        await using var world = await World.Create(database);
        var alice = await world.Staff(world.A, "alice", world.AdminA);
        var bob = await world.Staff(world.B, "bob", world.AdminB);

        // The honest tokens work, so each refusal below is the forgery's.
        await Me(world.App, world.A.Token("alice")).Expect(HttpStatusCode.OK);
        await Me(world.App, world.B.Token("bob")).Expect(HttpStatusCode.OK);

        var platformKey = Convert.FromBase64String(GatewayApplication.TestSigningKey);
        var hs256 = """{"alg":"HS256","typ":"JWT"}""";
        var later = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        (string What, string Token)[] forged =
        [
            ("org A's key, org B's issuer", world.A.Token("bob", issuer: world.B.Issuer)),
            ("org A's key, org B's admin's person id", world.A.Token(world.AdminB.ToString())),
            ("org A's key, the platform's issuer and org B's admin", world.A.Token(world.AdminB.ToString(), issuer: "coproduce")),
            ("platform secret, org A's issuer", BearerTokenTests.SignedToken(hs256, $$"""{"iss":"{{world.A.Issuer}}","aud":"coproduce-api","sub":"alice","exp":{{later}}}""", platformKey)),
            ("platform secret, org A's issuer, alice's person id", BearerTokenTests.SignedToken(hs256, $$"""{"iss":"{{world.A.Issuer}}","aud":"coproduce-api","sub":"{{alice}}","exp":{{later}}}""", platformKey)),
            ("HS256 keyed with org A's public key", BearerTokenTests.SignedToken(hs256, $$"""{"iss":"{{world.A.Issuer}}","aud":"coproduce-api","sub":"alice","exp":{{later}}}""", world.A.PublicKeyDer)),
            ("org A's expired token", world.A.Token("alice", expires: DateTimeOffset.UtcNow.AddMinutes(-5))),
            ("org A's token for another audience", world.A.Token("alice", audience: "another-api")),
            ("unsigned, org A's issuer", $"eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{world.A.Token("alice").Split('.')[1]}."),
            ("org B's token for someone not on its staff", world.B.Token("mallory")),
        ];
        foreach (var (what, token) in forged)
        {
            var response = await Me(world.App, token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.NotEqual(alice, bob);
    }

    private static Task<HttpResponseMessage> Me(GatewayApplication app, string token) => Send(app, "/api/me", token);

    private static Task<HttpResponseMessage> Send(GatewayApplication app, string url, string token, HttpMethod? method = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url));
    }

    /// <summary>The gateway trusting org A's provider (RSA) and org B's (ECDSA); each organisation has a platform-signed admin.</summary>
    private sealed class World : IAsyncDisposable
    {
        private World(GatewayApplication app, IdentityProviderKeys a, IdentityProviderKeys b)
        {
            App = app;
            A = a;
            B = b;
        }

        public GatewayApplication App { get; }

        public IdentityProviderKeys A { get; }

        public IdentityProviderKeys B { get; }

        public Guid AdminA { get; } = Guid.NewGuid();

        public Guid AdminB { get; } = Guid.NewGuid();

        public static async Task<World> Create(ITestDatabase database)
        {
            var a = IdentityProviderKeys.Rsa(Guid.NewGuid(), "https://idp.org-a.example");
            var b = IdentityProviderKeys.Ecdsa(Guid.NewGuid(), "https://login.org-b.example/tenant");
            var app = new GatewayApplication(database, new Dictionary<string, string?>([
                .. a.Settings(0), .. b.Settings(1),
                new("CoProduce:Auth:RevocationCheckInterval", "00:00:01"),
            ]));
            var world = new World(app, a, b);
            var grains = Scenario.Grains(app);
            await grains.GetGrain<IOrganisationGrain>(a.OrganisationId).Create(new Actor(world.AdminA), "Org A", OrganisationKind.Charity, "Ada");
            await grains.GetGrain<IOrganisationGrain>(b.OrganisationId).Create(new Actor(world.AdminB), "Org B", OrganisationKind.NhsTrust, "Bea");
            return world;
        }

        /// <summary>Makes the provider's <paramref name="subject"/> staff of its organisation, as its admin would; returns the person.</summary>
        public async Task<Guid> Staff(IdentityProviderKeys provider, string subject, Guid admin)
        {
            var found = await (await App.CreateClient(admin)
                .GetAsync($"/api/organisations/{provider.OrganisationId}/identity-provider/people?subject={subject}").Expect(HttpStatusCode.OK)).Json();
            var person = found.GetProperty("personId").GetGuid();
            await Scenario.AddStaff(App.CreateClient(admin), provider.OrganisationId, person);
            return person;
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            A.Dispose();
            B.Dispose();
        }
    }
}

public sealed class SqliteIdentityProviderApiTests(SqliteDatabase database) : IdentityProviderApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresIdentityProviderApiTests(PostgresDatabase database) : IdentityProviderApiTests(database), IClassFixture<PostgresDatabase>;
