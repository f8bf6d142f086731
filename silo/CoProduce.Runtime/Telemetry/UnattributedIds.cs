using CoProduce.Runtime.Grains;
using CoProduce.Telemetry;

namespace CoProduce.Runtime.Telemetry;

/// <summary><see cref="Unattributed"/> for the runtime's own <see cref="GrainId"/>.</summary>
internal static class UnattributedIds
{
    /// <summary>The grain id as telemetry may show it now: its type only while unattributed.</summary>
    public static GrainId Shown(GrainId id) => Unattributed.IsActive ? id with { Key = Unattributed.Withheld } : id;
}
