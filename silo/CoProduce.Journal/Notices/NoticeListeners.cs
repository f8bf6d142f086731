using System.Collections.Concurrent;

namespace CoProduce.Journal.Notices;

/// <summary>The listeners of each channel, shared by both kinds of notices.</summary>
internal sealed class NoticeListeners
{
    private readonly ConcurrentDictionary<Listener, string> _listeners = new();

    public IEnumerable<string> Channels => _listeners.Values.Distinct(StringComparer.Ordinal);

    public IDisposable Add(string channel, Action<string> onNotice, Action onResync)
    {
        var listener = new Listener(channel, onNotice, onResync, this);
        _listeners[listener] = channel;
        return listener;
    }

    public void Deliver(string channel, string payload)
    {
        foreach (var listener in _listeners.Keys.Where(l => l.Channel == channel))
        {
            listener.OnNotice(payload);
        }
    }

    public void Resync()
    {
        foreach (var listener in _listeners.Keys)
        {
            listener.OnResync();
        }
    }

    private sealed record Listener(string Channel, Action<string> OnNotice, Action OnResync, NoticeListeners Owner) : IDisposable
    {
        public void Dispose() => Owner._listeners.TryRemove(this, out _);
    }
}
