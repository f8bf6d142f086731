using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Events;

/// <summary>One journalled event of a grain: its per-grain sequence number, type name and JSON body.</summary>
public sealed record GrainEvent(GrainId Grain, long Sequence, string Type, string Json, DateTimeOffset RecordedAt);
