using Orleans;

namespace CoProduce.Journal.Events;

/// <summary>
/// The grain whose journal an event belongs to, as stored: its grain type name and its key in string form
/// (a Guid key in "D" format, an integer key in invariant digits). Plain strings, so it crosses grain
/// boundaries and compares equal on every node.
/// </summary>
[GenerateSerializer, Immutable, Alias("coproduce.journal-id")]
public readonly record struct JournalId([property: Id(0)] string Type, [property: Id(1)] string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
