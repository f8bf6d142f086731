namespace CoProduce.Runtime.Grains;

/// <summary>
/// A grain call got no response within the configured response timeout. The message names the call
/// chain, so a cycle between non-reentrant grains shows which grains wait on each other.
/// </summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);
