using CoProduce.Live;
using CoProduce.Telemetry;

namespace CoProduce.Gateway.Live;

/// <summary>The live hub's measurements, into the instruments the runtime keeps for hubs.</summary>
internal static class LiveTelemetry
{
    private static readonly KeyValuePair<string, object?> Hub = new(CoProduceTelemetry.HubTag, "project");

    public static void Connected(int change)
    {
        if (CoProduceTelemetry.HubConnections.Enabled)
        {
            CoProduceTelemetry.HubConnections.Add(change, Hub);
        }
    }

    /// <summary>From the event's commit to the moment this node handed it to every connection here.</summary>
    public static void Pushed(LiveMessage message)
    {
        if (CoProduceTelemetry.FanoutDuration.Enabled)
        {
            CoProduceTelemetry.FanoutDuration.Record(Math.Max(0, (DateTimeOffset.UtcNow - message.At).TotalSeconds), Hub);
        }
    }
}
