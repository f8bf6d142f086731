using System.Diagnostics;
using OpenTelemetry;

namespace CoProduce.Telemetry;

/// <summary>
/// Keeps grain ids out of Orleans' spans for unattributed work. Orleans tags its call, placement, activation,
/// directory and storage spans with grain ids (a person's grain id holds their id) and error spans with the
/// exception's message. A span is unattributed when it starts inside an <see cref="Unattributed"/> scope or in a
/// trace already marked so; such spans get <see cref="TraceStateEntry"/> in their trace state, which children
/// inherit and Orleans carries to other silos with the trace context, so spans a silo starts before any CoProduce
/// code runs (placement, activation) are recognised too. On those spans every grain-identifying tag reads
/// <see cref="Unattributed.Withheld"/>; type and method names stay. A grain id withheld once stays withheld in this
/// process's later Orleans spans, attributed or not (its deactivation, at idle or shutdown, runs in no caller's trace):
/// the grain's activation and deactivation run on the same silo. Runs before the exporter.
/// </summary>
public sealed class UnattributedSpans : BaseProcessor<Activity>
{
    /// <summary>The W3C trace-state entry (key=value) that marks a trace as unattributed.</summary>
    public const string TraceStateEntry = "coproduce=unattributed";

    /// <summary>The activity sources this processor scrubs: Orleans' (10.x names and the older grain-call source).</summary>
    public static readonly IReadOnlyList<string> OrleansSourcePrefixes = ["Microsoft.Orleans", "orleans.runtime"];

    /// <summary>Tags that hold a grain id, an activation id, a grain address or a message that may name one.</summary>
    public static readonly IReadOnlySet<string> IdentifyingTags = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleans.rpc.target_id", "orleans.rpc.source_id", "rpc.orleans.target_id", "rpc.orleans.source_id",
        "orleans.grain.id", "orleans.activation.id", "orleans.directory.registered.address",
        "orleans.directory.forwarding.address", "orleans.rehydrate.previousRegistration",
        "orleans.durable_job.target_grain_id", "net.peer.name", "exception.message",
    };

    /// <summary>The tags that hold exactly a grain id: their values are remembered once withheld.</summary>
    private static readonly HashSet<string> GrainIdTags = new(StringComparer.Ordinal)
    {
        "orleans.rpc.target_id", "orleans.rpc.source_id", "rpc.orleans.target_id", "rpc.orleans.source_id", "orleans.grain.id",
    };

    private readonly WithheldIds _withheld = new(RememberedIds);

    /// <summary>How many withheld grain ids are remembered; the oldest are forgotten past it.</summary>
    public const int RememberedIds = 100_000;

    public override void OnStart(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Unattributed.IsActive && !IsMarked(data))
        {
            data.TraceStateString = string.IsNullOrEmpty(data.TraceStateString) ? TraceStateEntry : $"{TraceStateEntry},{data.TraceStateString}";
        }
    }

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsOrleans(data.Source.Name))
        {
            return;
        }

        var tags = data.TagObjects.Where(tag => IdentifyingTags.Contains(tag.Key)).ToList();
        if (!(Unattributed.IsActive || IsMarked(data)))
        {
            foreach (var tag in tags.Where(tag => tag.Value is string value && _withheld.Names(value)))
            {
                data.SetTag(tag.Key, Unattributed.Withheld);
            }

            return;
        }

        foreach (var tag in tags)
        {
            if (GrainIdTags.Contains(tag.Key) && tag.Value is string id && id != Unattributed.Withheld)
            {
                _withheld.Remember(id);
            }

            data.SetTag(tag.Key, Unattributed.Withheld);
        }

        if (!string.IsNullOrEmpty(data.StatusDescription))
        {
            data.SetStatus(data.Status, Unattributed.Withheld);
        }
    }

    /// <summary>Whether the span belongs to unattributed work by its trace state.</summary>
    public static bool IsMarked(Activity activity) =>
        activity.TraceStateString is { } state
        && state.Split(',').Any(entry => entry.Trim().Equals(TraceStateEntry, StringComparison.Ordinal));

    internal static bool IsOrleans(string name) =>
        OrleansSourcePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
