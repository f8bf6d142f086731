
namespace CoProduce.Grains.Live;

/// <summary>A closed live session and its attendance: written once, when the project's live grain closes it.</summary>
[GrainType("livesession")]
public sealed class LiveSessionGrain([PersistentState("session")] IPersistentState<LiveSessionState> state) : Grain, ILiveSessionGrain
{
    public async Task<LiveSessionView> Record(LiveSessionView closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (state.State.Session is { } kept)
        {
            return kept;
        }

        state.State = new LiveSessionState { Session = closed };
        await state.WriteStateAsync();
        return closed;
    }

    public Task<LiveSessionView?> Get() => Task.FromResult(state.State.Session);
}

/// <summary>The stored record of a closed session.</summary>
public sealed record LiveSessionState
{
    public LiveSessionView? Session { get; init; }
}
