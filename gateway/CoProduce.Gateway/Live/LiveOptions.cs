namespace CoProduce.Gateway.Live;

/// <summary>Limits of the live hub, section CoProduce:Live.</summary>
public sealed class LiveOptions
{
    public const string Section = "CoProduce:Live";

    /// <summary>The largest message a client may send; a larger one closes that client's connection.</summary>
    public long MaximumMessageBytes { get; set; } = 32 * 1024;

    /// <summary>Hub calls each connection may make per second, on average.</summary>
    public double CallsPerSecond { get; set; } = 10;

    /// <summary>Hub calls a connection may make at once before the average applies.</summary>
    public int CallBurst { get; set; } = 30;
}
