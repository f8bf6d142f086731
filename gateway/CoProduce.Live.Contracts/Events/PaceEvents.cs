using System.Text.Json.Serialization;

namespace CoProduce.Live;

/// <summary>A pace or comfort signal.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaceKind>))]
public enum PaceKind
{
    SlowDown,
    NeedBreak,
    DontUnderstand,
}

/// <summary>Signals since a facilitator last cleared them.</summary>
public sealed record PaceCounts(int SlowDown, int NeedBreak, int DontUnderstand);

/// <summary>
/// Someone sent a signal. Facilitators receive <see cref="PersonId"/> (null when sent anonymously) and the
/// <see cref="Counts"/>; everyone else receives only the kind.
/// </summary>
public sealed record PaceSignalled(PaceKind Kind, Guid? PersonId, PaceCounts? Counts) : LiveEvent;

/// <summary>A facilitator acknowledged the signals; counts start again from zero.</summary>
public sealed record PaceCleared(Guid By) : LiveEvent;
