
namespace CoProduce.Grains.Feedback;

public sealed record PersonFeedbackState
{
    /// <summary>Entries addressed to the person, oldest first.</summary>
    public List<FeedbackAddress> Entries { get; init; } = [];
}

/// <summary>Where a person has been sent feedback, keyed by the person's id; the entries themselves say what they hold.</summary>
[GrainType("personfeedback")]
public sealed class PersonFeedbackGrain([PersistentState("person-feedback")] IPersistentState<PersonFeedbackState> state) : Grain, IPersonFeedbackGrain
{
    // Bounds the stored list; the oldest addresses drop off first.
    private const int MaxEntries = 2000;

    public async Task Add(FeedbackAddress address)
    {
        if (state.State.Entries.Contains(address))
        {
            return;
        }

        state.State = state.State with { Entries = [.. state.State.Entries.TakeLast(MaxEntries - 1), address] };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<FeedbackAddress>> List() =>
        Task.FromResult<IReadOnlyList<FeedbackAddress>>([.. Enumerable.Reverse(state.State.Entries)]);
}
