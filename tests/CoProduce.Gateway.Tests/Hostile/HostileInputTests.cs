using System.Security.Cryptography;
using System.Text;
using CoProduce.Gateway.Auth;
using CoProduce.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Hostile;

/// <summary>
/// Generated hostile requests against every endpoint under /api (found from the app's own endpoint
/// list, so new endpoints are covered without editing this test): no token, a forged token, other
/// tenants, strangers, broken and mistyped bodies, huge strings, bad ids, bad paging and bad headers.
/// Every answer must be 4xx problem details (exactly 401 for a missing or forged token, exactly 404 for
/// another tenant or a stranger, so nobody learns that the thing exists), and the stored state must be
/// the same afterwards, every table of it.
/// </summary>
public abstract class HostileInputTests(ITestDatabase database)
{
    private const int MinimumRequests = 1000;

    [Fact]
    public async Task EveryHostileRequestIsRefusedWithProblemDetailsAndChangesNothing()
    {
        // Thousands of requests from one address and a few people: the rate limits (RateLimitApiTests) are off here.
        await using var app = new GatewayApplication(database, new Dictionary<string, string?>
        {
            ["CoProduce:RateLimits:PerPersonPerMinute"] = "0",
            ["CoProduce:RateLimits:PerAddressPerMinute"] = "0",
            ["CoProduce:RateLimits:RedeemsPerAddressPerMinute"] = "0",
        });
        var world = await HostileWorld.CreateAsync(app.Services.GetRequiredService<IGrainFactory>());
        var endpoints = ApiEndpoints(app.Services);
        Assert.NotEmpty(endpoints);
        var before = await database.DumpAsync(everyTable: true);

        var failures = new List<string>();
        var sent = 0;
        foreach (var request in Requests(endpoints, world, ForgedTokens()))
        {
            sent++;
            var client = request.Caller is { } caller ? app.CreateClient(caller) : app.CreateClient();
            if (request.Token is { } token)
            {
                client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            }

            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
            if (request.Body is { } body)
            {
                message.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || type != "application/problem+json" || (request.Status is { } expected && status != expected))
            {
                failures.Add($"{request.Method} {request.Path} [{request.What}] -> {status}{(request.Status is { } want ? $" (want {want})" : "")} {type}: {Truncate(await response.Content.ReadAsStringAsync())}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests were not refused cleanly:\n{string.Join('\n', failures.Take(40))}");
        Assert.True(sent >= MinimumRequests, $"only {sent} requests were generated");
        var after = await database.DumpAsync(everyTable: true);
        Assert.Equal(Relevant(before), Relevant(after));
    }

    /// <summary>
    /// An abandoned Idempotency-Key leaves a cleared row behind; it holds no domain state, so it is left
    /// out of the comparison.
    /// </summary>
    private static List<string> Relevant(IReadOnlyList<string> rows) => [.. rows.Where(r => !r.StartsWith("idempotency |", StringComparison.Ordinal))];

    private static List<RouteEndpoint> ApiEndpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)];

    /// <summary>
    /// Tokens that must not sign anyone in: signed with another key, expired, from another issuer, for another
    /// audience, and unsigned ("none"). All but the last name a real person of the tenant.
    /// </summary>
    private static IReadOnlyList<(string What, string Token)> ForgedTokens()
    {
        var key = Convert.FromBase64String(GatewayApplication.TestSigningKey);
        var person = Guid.NewGuid();
        var past = new FixedTime(DateTimeOffset.UtcNow.AddDays(-3));
        return
        [
            ("token signed with another key", new TokenService(new AuthOptions(), RandomNumberGenerator.GetBytes(32), TimeProvider.System).Issue(person)),
            ("expired token", new TokenService(new AuthOptions(), key, past).Issue(person, TimeSpan.FromHours(1))),
            ("token from another issuer", new TokenService(new AuthOptions { Issuer = "someone-else" }, key, TimeProvider.System).Issue(person)),
            ("token for another audience", new TokenService(new AuthOptions { Audience = "another-api" }, key, TimeProvider.System).Issue(person)),
            ("unsigned token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."),
        ];
    }

    private static IEnumerable<HostileRequest> Requests(IEnumerable<RouteEndpoint> endpoints, HostileWorld world, IReadOnlyList<(string What, string Token)> forged)
    {
        var own = world.Own;
        var foreignStaff = world.Foreign.Admin;
        var stranger = Guid.NewGuid();
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0];
            var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var wellFormed = bodyType is null ? null : BodyFactory.WellFormed(bodyType)?.ToJsonString();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var ownPath = Path(endpoint, own.IdFor);
            var hasParameters = endpoint.RoutePattern.Parameters.Count > 0;

            if (!anonymous)
            {
                yield return new(method, ownPath, wellFormed, null, "no token", Status: StatusCodes.Status401Unauthorized);
                foreach (var (what, token) in forged)
                {
                    yield return new(method, ownPath, wellFormed, null, what, Token: token, Status: StatusCodes.Status401Unauthorized);
                }
            }

            // Other tenants and strangers, with well-formed requests on this tenant's ids (edits carry an If-Match,
            // as a real client's would): each is told the thing does not exist, never more.
            if (hasParameters && !IsSelfService(endpoint))
            {
                (string, string)[] precondition = method is "PUT" or "PATCH" or "DELETE" ? [("If-Match", "\"1\"")] : [];
                yield return new(method, ownPath, wellFormed, foreignStaff, "staff of another organisation", Headers: precondition, Status: StatusCodes.Status404NotFound);
                yield return new(method, ownPath, wellFormed, world.Foreign.Contributor, "contributor of another project", Headers: precondition, Status: StatusCodes.Status404NotFound);
                yield return new(method, ownPath, wellFormed, stranger, "stranger", Headers: precondition, Status: StatusCodes.Status404NotFound);
                yield return new(method, ownPath, wellFormed, own.Contributor, "acting with someone not linked",
                    Headers: [("CoProduce-Acting-With", own.Observer.ToString())]);
            }

            // Bad ids in the route, from the tenant's own admin.
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                foreach (var bad in new[] { "not-a-guid", new string('9', 3000), "%20", "..%2F..%2Fetc", "00000000-0000-0000-0000-000000000000" })
                {
                    yield return new(method, Path(endpoint, p => p == parameter.Name ? bad : own.IdFor(p)), wellFormed, own.Admin, $"{parameter.Name} = bad id");
                }
            }

            // Broken bodies from the tenant's own people, in each role.
            if (bodyType is not null)
            {
                foreach (var caller in new[] { own.Admin, own.Contributor, own.Observer })
                {
                    foreach (var (what, json) in BodyFactory.Hostile(bodyType))
                    {
                        yield return new(method, ownPath, json, caller, what);
                    }
                }

                yield return new(method, ownPath, wellFormed, own.Admin, "garbage acting-with header", Headers: [("CoProduce-Acting-With", "someone")]);
                yield return new(method, ownPath, wellFormed, own.Admin, "garbage If-Match", Headers: [("If-Match", "yesterday")]);
            }

            if (method == "GET" && endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>().Any(p => p.Name == "limit"))
            {
                foreach (var query in new[] { "offset=-1", "limit=0", "limit=100000", "limit=abc", "offset=1e9" })
                {
                    yield return new(method, $"{ownPath}?{query}", null, own.Admin, $"paging {query}");
                }
            }
        }

        // A stage change that the lifecycle does not allow (pre-production straight to delivery), by a facilitator.
        yield return new("POST", $"/api/projects/{own.Project}/stage", """{"stage":"Delivery","reason":"skip ahead"}""", own.Admin, "stage skipped ahead");
        yield return new("POST", $"/api/projects/{own.Project}/stage", """{"stage":"PreProduction","reason":"same stage"}""", own.Admin, "stage unchanged");

        // A decision taking up agenda items that are unknown, another tenant's, named twice or too many; and a trail across tenants.
        var decisions = $"/api/projects/{own.Project}/decisions";
        foreach (var (what, ids) in new (string, Guid[])[]
        {
            ("unknown agenda item", [Guid.NewGuid()]),
            ("another tenant's agenda item", [own.AgendaItem, world.Foreign.AgendaItem]),
            ("agenda item named twice", [own.AgendaItem, own.AgendaItem]),
            ("too many agenda items", [.. Enumerable.Range(0, 51).Select(_ => Guid.NewGuid())]),
        })
        {
            var body = $$"""{"title":"Evening meetings","method":"Consent","closesAt":"{{DateTimeOffset.UtcNow.AddDays(3):O}}","agendaItemIds":[{{string.Join(',', ids.Select(i => $"\"{i}\""))}}]}""";
            yield return new("POST", decisions, body, own.Admin, what);
        }

        yield return new("GET", $"{decisions}/{world.Foreign.Decision}/trail", null, own.Admin, "another tenant's decision's trail");
        yield return new("GET", $"/api/projects/{world.Foreign.Project}/decisions/{own.Decision}/trail", null, own.Admin, "trail under another tenant's project");
    }

    /// <summary>Endpoints on the caller's own record (/api/me...) are the caller's business, not another tenant's.</summary>
    private static bool IsSelfService(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText!.StartsWith("/api/me", StringComparison.Ordinal);

    private static string Path(RouteEndpoint endpoint, Func<string, string> value)
    {
        var path = endpoint.RoutePattern.RawText!;
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            var text = path.Contains($"{{{parameter.Name}:", StringComparison.Ordinal)
                ? path[path.IndexOf($"{{{parameter.Name}:", StringComparison.Ordinal)..]
                : $"{{{parameter.Name}}}";
            var token = text.StartsWith($"{{{parameter.Name}:", StringComparison.Ordinal) ? text[..(text.IndexOf('}', StringComparison.Ordinal) + 1)] : text;
            path = path.Replace(token, value(parameter.Name), StringComparison.Ordinal);
        }

        return path;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;
}

/// <summary>One generated request: what it is, who sends it, and what makes it hostile.</summary>
public sealed record HostileRequest(
    string Method,
    string Path,
    string? Body,
    Guid? Caller,
    string What,
    string? Token = null,
    (string Name, string Value)[]? Headers = null,
    int? Status = null)
{
    public (string Name, string Value)[] Headers { get; init; } = Headers ?? [];
}

public sealed class SqliteHostileInputTests(SqliteDatabase database) : HostileInputTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresHostileInputTests(PostgresDatabase database) : HostileInputTests(database), IClassFixture<PostgresDatabase>;
