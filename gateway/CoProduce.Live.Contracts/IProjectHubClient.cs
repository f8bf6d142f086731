namespace CoProduce.Live;

/// <summary>What the hub calls on a client (the typed client of <c>/hubs/project</c>).</summary>
public interface IProjectHubClient
{
    /// <summary>A project event, in sequence order; events a client missed come first after a join.</summary>
    Task Event(LiveMessage message);
}
