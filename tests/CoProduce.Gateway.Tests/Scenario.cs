using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Journal.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests;

/// <summary>Steps many tests share: organisations, networks and projects to work in, and reading the journal.</summary>
public static class Scenario
{
    public static async Task<Guid> Organisation(HttpClient admin, string name = "Northshire County Council")
    {
        var created = await admin.PostJson("/api/organisations", new { name, kind = "LocalAuthority", displayName = "Priya" })
            .Expect(HttpStatusCode.Created);
        return (await created.Json()).GetProperty("id").GetGuid();
    }

    public static async Task AddStaff(HttpClient admin, Guid organisationId, Guid personId, string role = "Facilitator") =>
        await admin.PutJson($"/api/organisations/{organisationId}/members/{personId}", new { displayName = "Sam", roles = new[] { role } })
            .Expect(HttpStatusCode.OK);

    public static async Task<Guid> Network(HttpClient coordinator, string name = "Northshire User Network")
    {
        var created = await coordinator.PostJson("/api/networks", new { name }).Expect(HttpStatusCode.Created);
        return (await created.Json()).GetProperty("id").GetGuid();
    }

    /// <summary>A project in pre-production facilitated by <paramref name="admin"/>, made through its grain.</summary>
    public static async Task<Guid> Project(GatewayApplication app, Guid admin, Guid organisationId)
    {
        var id = Guid.NewGuid();
        await Grains(app).GetGrain<IProjectGrain>(id).Create(new Actor(admin), organisationId, null, "Day services review", null);
        return id;
    }

    public static IGrainFactory Grains(GatewayApplication app) => app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Every event journalled for one grain, oldest first, as type and JSON body.</summary>
    public static async Task<IReadOnlyList<(string Type, JsonElement Body)>> Journal(GatewayApplication app, string grainType, Guid key)
    {
        var events = await app.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new JournalId(grainType, key.ToString("D")), 0, 1000);
        return [.. events.Select(e => (e.Type, JsonDocument.Parse(e.Json).RootElement.Clone()))];
    }

    /// <summary>
    /// Waits until the grain journals an event whose type name is <paramref name="eventName"/>: it subscribes
    /// first and then reads the journal, so an event committed in between is seen either way.
    /// </summary>
    public static async Task<JsonElement> NextEvent(GatewayApplication app, string grainType, Guid key, string eventName, TimeSpan within)
    {
        var grain = new JournalId(grainType, key.ToString("D"));
        var stream = app.Services.GetRequiredService<IGrainEventStream>();
        var seen = new TaskCompletionSource<GrainEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Matches(GrainEvent e) => e.Type == eventName || e.Type.EndsWith("." + eventName, StringComparison.Ordinal);
        using var subscription = stream.Subscribe(grain, (e, _) =>
        {
            if (Matches(e))
            {
                seen.TrySetResult(e);
            }

            return ValueTask.CompletedTask;
        });
        if ((await stream.ReadAsync(grain, 0, 1000)).FirstOrDefault(Matches) is { } journalled)
        {
            seen.TrySetResult(journalled);
        }

        var found = await seen.Task.WaitAsync(within);
        return JsonDocument.Parse(found.Json).RootElement.Clone();
    }

    /// <summary>Sends a request as a supporter acting with <paramref name="contributor"/>.</summary>
    public static HttpRequestMessage ActingWith(this HttpRequestMessage request, Guid contributor)
    {
        request.Headers.Add(ActorResolver.ActingWithHeader, contributor.ToString());
        return request;
    }

    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiJson.Options);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
