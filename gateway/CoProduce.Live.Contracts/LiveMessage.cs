namespace CoProduce.Live;

/// <summary>
/// One pushed event: <see cref="Sequence"/> is the project's live sequence number (1, 2, 3, ... with no
/// gaps), so a client that saw <c>n</c> asks for what follows <c>n</c> when it reconnects.
/// </summary>
public sealed record LiveMessage(long Sequence, DateTimeOffset At, LiveEvent Event);
