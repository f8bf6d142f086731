using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Home;

/// <summary>The root: what this service is and where to go next.</summary>
public static class HomeEndpoint
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (IGrainStorage storage) => TypedResults.Ok(new ServiceInfo(
                "CoProduce",
                "Co-production in health and social care, from pre-production to \"you said, we did\".",
                storage.ProviderName,
                new Dictionary<string, string>
                {
                    ["openapi"] = "/openapi/v1.json",
                    ["live"] = "/health/live",
                    ["ready"] = "/health/ready",
                })))
            .WithName("GetServiceInfo")
            .WithSummary("What this service is, which storage it runs on, and its main links.");
        return app;
    }
}

/// <summary>The service's name, purpose, storage provider and links.</summary>
public sealed record ServiceInfo(string Name, string Purpose, string Storage, IReadOnlyDictionary<string, string> Links);
