namespace CoProduce.Journal.Events;

/// <summary>
/// The ordered event stream of each grain on this node. Events are delivered after they are committed, in
/// sequence order; the journal lets a subscriber catch up on what it missed. The gateway pushes from here,
/// so domain grains never know about connections.
/// </summary>
public interface IGrainEventStream
{
    /// <summary>Delivers every later event of <paramref name="grain"/> committed on this node to <paramref name="handler"/>, in order, until disposed.</summary>
    IDisposable Subscribe(JournalId grain, Func<GrainEvent, CancellationToken, ValueTask> handler);

    /// <summary>
    /// Delivers every later event of every grain of <paramref name="grainType"/> committed on this node, in
    /// each grain's order, until disposed. Events committed on other nodes are not seen here.
    /// </summary>
    IDisposable SubscribeType(string grainType, Func<GrainEvent, CancellationToken, ValueTask> handler);

    /// <summary>Journalled events of <paramref name="grain"/> with a sequence number above <paramref name="afterSequence"/>, oldest first, without gaps.</summary>
    Task<IReadOnlyList<GrainEvent>> ReadAsync(JournalId grain, long afterSequence, int limit, CancellationToken cancellationToken = default);
}
