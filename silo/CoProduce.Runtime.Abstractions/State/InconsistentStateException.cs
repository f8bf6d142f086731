namespace CoProduce.Runtime.State;

/// <summary>
/// A write was based on a stale version: someone else wrote first. Nothing was written. The runtime
/// deactivates the grain after the failing call, so the next call reads the current state.
/// </summary>
public sealed class InconsistentStateException(string message) : Exception(message);
