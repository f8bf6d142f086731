namespace CoProduce.Journal.State;

/// <summary>
/// The call that is raising events, in grains whose calls interleave: each call's events are tagged with
/// it, so when that call fails only its own uncommitted events are dropped, not those of a call waiting
/// for the same shared write. Set by <see cref="JournalCallFilter"/> around each incoming call.
/// </summary>
internal static class EventOwner
{
    private static readonly AsyncLocal<object?> Owner = new();

    public static object? Current => Owner.Value;

    /// <summary>Makes <paramref name="owner"/> current for the code started now and its continuations; returns the one to restore.</summary>
    public static object? Enter(object owner)
    {
        var previous = Owner.Value;
        Owner.Value = owner;
        return previous;
    }

    public static void Exit(object? previous) => Owner.Value = previous;
}
