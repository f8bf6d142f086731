namespace CoProduce.Runtime.Events;

/// <summary>
/// The request that is raising events, in grains whose requests interleave: each request's events are
/// tagged with it, so when that request fails only its own uncommitted events are dropped, not those of
/// a request that is waiting for the same shared write.
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
