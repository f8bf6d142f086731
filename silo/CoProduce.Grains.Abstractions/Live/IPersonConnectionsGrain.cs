namespace CoProduce.Grains.Live;

/// <summary>
/// One person's live hub connections on every gateway node, keyed by the person's id, so the cap on connections
/// (<c>CoProduce:Live:ConnectionsPerPerson</c>) is the person's in the whole cluster. Each node holds a lease on the
/// connections it opened for the person and renews it, with the list of those it still holds, while it runs; the
/// connections of a node that stops renewing (one that died without closing them) stop counting when its lease runs
/// out. A closed connection stops counting at once.
/// </summary>
[Alias("coproduce.live.IPersonConnectionsGrain")]
public interface IPersonConnectionsGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Takes a slot for <paramref name="connectionId"/> on <paramref name="node"/> when the person holds fewer than
    /// <paramref name="cap"/> connections across the cluster, and renews the node's lease for <paramref name="lease"/>;
    /// false (and nothing taken) when they hold the cap already.
    /// </summary>
    Task<bool> Open(string node, string connectionId, int cap, TimeSpan lease);

    /// <summary>The connection closed: its slot is free at once.</summary>
    Task Close(string node, string connectionId);

    /// <summary>
    /// <paramref name="node"/> still holds <paramref name="connectionIds"/> for the person: its lease runs for another
    /// <paramref name="lease"/>. A connection of the node that is not listed stops counting (its close was lost), unless
    /// it was opened after the node's previous renewal (its opening may have crossed this list on the way).
    /// </summary>
    Task Renew(string node, IReadOnlyList<string> connectionIds, TimeSpan lease);

    /// <summary>The connections that count now, on every node together.</summary>
    [ReadOnly]
    Task<int> Held();
}
