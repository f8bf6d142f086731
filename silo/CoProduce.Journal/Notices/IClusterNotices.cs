namespace CoProduce.Journal.Notices;

/// <summary>
/// Small notices between the nodes that share one database (PostgreSQL LISTEN/NOTIFY), or within the one
/// process on SQLite. A notice is a hint, not a message store: it may be lost (a listener reconnecting),
/// so listeners catch up from the journal, and <c>onResync</c> tells them when notices may have been missed.
/// </summary>
public interface IClusterNotices
{
    /// <summary>Whether other nodes hear this node's notices (false when the one process is the whole cluster).</summary>
    bool ReachesOtherNodes { get; }

    /// <summary>Sends <paramref name="payload"/> (a few hundred bytes at most) to every listener of <paramref name="channel"/>, this node's included.</summary>
    Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onNotice"/> for each notice on <paramref name="channel"/> and <paramref name="onResync"/> after notices may have been missed.</summary>
    IDisposable Listen(string channel, Action<string> onNotice, Action onResync);
}
