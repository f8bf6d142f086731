namespace CoProduce.Live;

/// <summary>Where the hub is and what a connection sends with it.</summary>
public static class HubPaths
{
    /// <summary>The hub's path.</summary>
    public const string Project = "/hubs/project";

    /// <summary>The query parameter that carries the bearer token on a WebSocket request.</summary>
    public const string AccessTokenQuery = "access_token";

    /// <summary>The query parameter (and <see cref="ProjectHeader"/>) an ingress hashes on to keep a project on one node.</summary>
    public const string ProjectQuery = "projectId";

    public const string ProjectHeader = "X-CoProduce-Project";

    /// <summary>The client method the hub calls for each event.</summary>
    public const string EventMethod = nameof(IProjectHubClient.Event);
}
