using CoProduce.Journal.State;

namespace CoProduce.Grains.Common;

/// <summary>How a grain stores a change to its versioned state.</summary>
public static class VersionedCommit
{
    /// <summary>
    /// Stores <paramref name="next"/>, one version on, with the events raised for it. The state is replaced
    /// synchronously, so interleaved requests never lose each other's changes; writes are shared between requests that
    /// arrive while one is in flight (group commit), and each caller hears back only once its change is durable. If a
    /// shared write fails, every caller in it fails and the grain reloads what is stored, so a refused request changes
    /// nothing.
    /// </summary>
    public static Task Commit<TState>(this IJournaledState<TState> state, TState next)
        where TState : VersionedState
    {
        // A record's copy keeps its own type, whatever type it is copied as.
        state.State = (TState)((VersionedState)next with { Version = state.State.Version + 1 });
        return state.WriteStateCoalescedAsync();
    }
}
