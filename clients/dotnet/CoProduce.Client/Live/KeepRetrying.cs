using Microsoft.AspNetCore.SignalR.Client;

namespace CoProduce.Client.Live;

/// <summary>Reconnects for as long as the session is open: at once, then backing off to <see cref="Longest"/>.</summary>
public sealed class KeepRetrying : IRetryPolicy
{
    public TimeSpan Longest { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        ArgumentNullException.ThrowIfNull(retryContext);
        var delay = TimeSpan.FromMilliseconds(Math.Min(Longest.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(retryContext.PreviousRetryCount, 16))));
        return retryContext.PreviousRetryCount == 0 ? TimeSpan.Zero : delay;
    }
}
