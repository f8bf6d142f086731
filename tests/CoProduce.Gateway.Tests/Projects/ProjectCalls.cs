using System.Net.Http.Json;

namespace CoProduce.Gateway.Tests.Projects;

/// <summary>What a call is made against: a project with a budget line and an access need, read at <see cref="ETag"/>.</summary>
public sealed record CallTarget(ProjectWorld World, Guid ProjectId, Guid LineId, Guid NeedId, string ETag);

/// <summary>One request to a project endpoint, made by <c>caller</c> (whose id is given).</summary>
public sealed record ProjectCall(string Name, Func<HttpClient, Guid, CallTarget, Task<HttpResponseMessage>> Send)
{
    public override string ToString() => Name;
}

/// <summary>Every project endpoint, each with a request that a permitted caller could make successfully.</summary>
public static class ProjectCalls
{
    public static IReadOnlyList<ProjectCall> All { get; } =
    [
        new("POST /api/projects", (client, _, t) =>
            client.PostJson("/api/projects", new { organisationId = t.World.OrganisationId, name = "Another project" })),
        new("GET /api/projects", (client, _, _) => client.GetAsync("/api/projects")),
        new("GET /api/projects/{id}", (client, _, t) => client.GetAsync($"/api/projects/{t.ProjectId}")),
        new("PUT /api/projects/{id}/participants/{personId}", (client, _, t) =>
            client.PutJson($"/api/projects/{t.ProjectId}/participants/{Guid.NewGuid()}", new { role = "Contributor" })),
        new("DELETE /api/projects/{id}/participants/{personId} (the contributor)", (client, _, t) =>
            client.DeleteAsync($"/api/projects/{t.ProjectId}/participants/{t.World.Contributor}")),
        new("DELETE /api/projects/{id}/participants/{personId} (oneself)", (client, me, t) =>
            client.DeleteAsync($"/api/projects/{t.ProjectId}/participants/{me}")),
        new("POST /api/projects/{id}/stage", (client, _, t) =>
            client.SendAsync(WithIfMatch(HttpMethod.Post, $"/api/projects/{t.ProjectId}/stage", t.ETag, new { stage = "Agenda", reason = "Aims agreed." }))),
        new("PUT /api/projects/{id}/pre-production", (client, _, t) =>
            client.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/projects/{t.ProjectId}/pre-production", t.ETag, PreProductionBody("Changed")))),
        new("POST /api/projects/{id}/budget-lines", (client, _, t) =>
            client.PostJson($"/api/projects/{t.ProjectId}/budget-lines", new { description = "Room hire", amount = 120m, currency = "GBP" })),
        new("POST /api/projects/{id}/budget-lines/{lineId}/agreement", (client, _, t) =>
            client.PostAsync($"/api/projects/{t.ProjectId}/budget-lines/{t.LineId}/agreement", null)),
        new("POST /api/projects/{id}/access-needs (the contributor's)", (client, _, t) =>
            client.PostJson($"/api/projects/{t.ProjectId}/access-needs", new { personId = t.World.Contributor, need = "Large print" })),
        new("POST /api/projects/{id}/access-needs (one's own)", (client, me, t) =>
            client.PostJson($"/api/projects/{t.ProjectId}/access-needs", new { personId = me, need = "Breaks every 45 minutes" })),
        new("PUT /api/projects/{id}/access-needs/{needId}", (client, _, t) =>
            client.PutJson($"/api/projects/{t.ProjectId}/access-needs/{t.NeedId}", new { adjustmentPromised = "Easy Read pack posted", met = true })),
    ];

    public static ProjectCall Named(string name) => All.Single(c => c.Name == name);

    public static object PreProductionBody(string aim) => new
    {
        aims = new[] { aim },
        scope = new { negotiables = new[] { "Opening hours" }, nonNegotiables = new[] { "The overall budget" } },
        commitment = "Cabinet will reply to each recommendation in writing.",
        groundRules = new[] { "One voice at a time" },
        recruitment = "Through the carers' centre.",
    };

    public static HttpRequestMessage WithIfMatch(HttpMethod method, string url, string? etag, object body)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }
}
