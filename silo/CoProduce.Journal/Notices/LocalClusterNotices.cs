namespace CoProduce.Journal.Notices;

/// <summary>Notices within one process: embedded (SQLite) mode has one node.</summary>
internal sealed class LocalClusterNotices : IClusterNotices
{
    private readonly NoticeListeners _listeners = new();

    public bool ReachesOtherNodes => false;

    public Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default)
    {
        _listeners.Deliver(channel, payload);
        return Task.CompletedTask;
    }

    public IDisposable Listen(string channel, Action<string> onNotice, Action onResync) => _listeners.Add(channel, onNotice, onResync);
}
