using CoProduce.Journal.Events;

namespace CoProduce.Grains.Live;

/// <summary>
/// A gateway node's ear on the live sessions it holds connections in: it gives one to the project's live grain
/// when a connection arrives and with every heartbeat (<see cref="IProjectLiveGrain.Heartbeat"/>), and hears each
/// live event that session commits on another silo. One-way: a node that died never holds up or fails the session.
/// A push may be lost; the live journal is the guarantee (a feed that sees a gap reads it).
/// </summary>
[Alias("coproduce.live.ILiveObserver")]
public interface ILiveObserver : IGrainObserver
{
    /// <summary>Project <paramref name="projectId"/>'s session committed <paramref name="committed"/> (its live journal's entry).</summary>
    [OneWay]
    Task Committed(Guid projectId, GrainEvent committed);
}

/// <summary>A heartbeat's answer: whether the node's connections are still present, and the session's last sequence number.</summary>
[GenerateSerializer, Immutable, Alias("coproduce.live.LiveBeat")]
public sealed record LiveBeat([property: Id(0)] bool Present, [property: Id(1)] long Sequence);
