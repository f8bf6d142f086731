namespace CoProduce.Journal.Tests.Grains;

/// <summary>What one activation of a counter reports: its state, its ETag, and which activation it is.</summary>
[GenerateSerializer, Immutable, Alias("journal-tests.counter-view")]
public sealed record CounterView(int Total, string? Etag, bool RecordExists, Guid Activation, int TotalAtActivation);

[Alias("journal-tests.counter")]
public interface ICounterGrain : IGrainWithGuidKey
{
    /// <summary>Adds to the total, raising one <see cref="Added"/> per unit and, if asked, a <see cref="Poison"/>; one write.</summary>
    [Alias("add")]
    Task<int> Add(int amount, bool poison = false);

    /// <summary>Raises a <see cref="Noted"/> and commits it without a state write.</summary>
    [Alias("note")]
    Task Note(string text);

    /// <summary>Raises an event, then fails before writing it.</summary>
    [Alias("raise-then-fail")]
    Task RaiseThenFail();

    /// <summary>Keeps <paramref name="text"/> in the state; one write.</summary>
    [Alias("remember")]
    Task Remember(string text);

    [Alias("remembered")]
    Task<IReadOnlyList<string>> Remembered();

    [Alias("get")]
    Task<CounterView> Get();

    [Alias("last-sequence")]
    Task<long> LastSequence();

    [Alias("clear")]
    Task Clear();

    [Alias("deactivate")]
    Task Deactivate();
}
