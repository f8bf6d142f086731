using Orleans;

namespace CoProduce.Journal.Events;

/// <summary>One journalled event of a grain: its per-grain sequence number, type name and JSON body.</summary>
[GenerateSerializer, Immutable, Alias("coproduce.grain-event")]
public sealed record GrainEvent(
    [property: Id(0)] JournalId Grain,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string Json,
    [property: Id(4)] DateTimeOffset RecordedAt);
