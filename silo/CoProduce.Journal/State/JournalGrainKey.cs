using System.Globalization;
using CoProduce.Journal.Events;
using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.State;

/// <summary>
/// Maps an Orleans grain identity to the (type, key) strings the journal and state rows are stored under,
/// in the form the home-made runtime wrote them: a Guid key in "D" format, an integer key in invariant
/// digits, a string key as is. So rows written before the move are found after it.
/// </summary>
internal static class JournalGrainKey
{
    public static JournalId For(GrainId grainId, Type grainClass)
    {
        var type = grainId.Type.ToString() ?? throw new InvalidOperationException($"Grain {grainId} has no type name.");
        var key = typeof(IGrainWithGuidKey).IsAssignableFrom(grainClass) ? grainId.GetGuidKey().ToString("D")
            : typeof(IGrainWithIntegerKey).IsAssignableFrom(grainClass) ? grainId.GetIntegerKey().ToString(CultureInfo.InvariantCulture)
            : grainId.Key.ToString() ?? string.Empty;
        return new JournalId(type, key);
    }
}
