using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Runtime.Tests.Grains;

public sealed record NoteAdded(string Text);

public sealed record NotesCleared(int Count);

public interface IJournalGrain : IGrainWithStringKey
{
    Task Add(string text);

    /// <summary>Raises an event and then fails, so the event must never be committed.</summary>
    Task AddThenFail(string text);

    Task ClearAll();

    Task<IReadOnlyList<string>> Notes();
}

public sealed record NotesState
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed class JournalGrain([PersistentState("notes")] IPersistentState<NotesState> state) : Grain, IJournalGrain
{
    public Task Add(string text)
    {
        state.State = state.State with { Notes = [.. state.State.Notes, text] };
        RaiseEvent(new NoteAdded(text));
        return state.WriteStateAsync();
    }

    public Task AddThenFail(string text)
    {
        RaiseEvent(new NoteAdded(text));
        throw new GrainRuleBrokenException("refused after raising an event");
    }

    public Task ClearAll()
    {
        RaiseEvent(new NotesCleared(state.State.Notes.Count));
        return FlushEventsAsync();
    }

    public Task<IReadOnlyList<string>> Notes() => Task.FromResult(state.State.Notes);
}
