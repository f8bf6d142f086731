namespace CoProduce.Gateway.Live;

/// <summary>Limits of the live hub, section CoProduce:Live.</summary>
public sealed class LiveOptions
{
    public const string Section = "CoProduce:Live";

    /// <summary>The largest message a client may send; a larger one closes that client's connection.</summary>
    public long MaximumMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Hub calls each person may make per second through one gateway node, on average, whatever number of connections they use.</summary>
    public double CallsPerSecond { get; set; } = 10;

    /// <summary>Hub calls a person may make at once through one gateway node before the average applies.</summary>
    public int CallBurst { get; set; } = 30;

    /// <summary>
    /// Connections one person may hold open at once, across every gateway node of the cluster; one more is closed with a
    /// RateLimited error. A node that dies holding some frees them when <see cref="PresenceLease"/> runs out.
    /// </summary>
    public int ConnectionsPerPerson { get; set; } = 10;

    /// <summary>How long one push may wait for a client that stopped reading before its connection is closed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pushes that may wait for one slow client before its connection is closed.</summary>
    public int SendQueueLimit { get; set; } = 500;

    /// <summary>How often this node tells each session it holds connections in, and each person it holds connections of, that it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A node silent for this long is taken for dead: its connections leave presence and stop counting towards their person's cap.</summary>
    public TimeSpan PresenceLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether Kestrel sends on a socket from the thread that wrote to it (its "inline scheduling") instead of
    /// handing the send to its I/O queue. A push to everyone present then holds a 4 KB block per sending
    /// thread rather than one per connection, and Kestrel's block pool, which keeps its highest count, stays
    /// small (about 4 KB less per idle connection after a session's pushes, docs/live-bench.md). Code that
    /// handles requests must then never block a thread (the gateway's does not). On by default.
    /// </summary>
    public bool InlineSends { get; set; } = true;

    /// <summary>The message naming a setting of this section that breaks <paramref name="rule"/>.</summary>
    internal static string Broken(string setting, string rule) => $"Setting '{Section}:{setting}' must be {rule}.";
}
