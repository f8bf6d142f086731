using CoProduce.Live;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>Everything a session handed its listener, in order, with a way to wait for an event.</summary>
public sealed class EventLog
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly List<LiveMessage> _messages = [];
    private readonly List<(Func<LiveMessage, bool> Match, TaskCompletionSource<LiveMessage> Seen)> _waits = [];

    public IReadOnlyList<LiveMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<T> All<T>()
        where T : LiveEvent => [.. Messages.Select(m => m.Event).OfType<T>()];

    /// <summary>The first event (already seen or still to come) of type <typeparamref name="T"/> that matches.</summary>
    public async Task<T> Next<T>(Func<T, bool>? match = null)
        where T : LiveEvent => (T)(await NextMessage<T>(match)).Event;

    public Task<LiveMessage> NextMessage<T>(Func<T, bool>? match = null)
        where T : LiveEvent
    {
        bool Matches(LiveMessage m) => m.Event is T e && (match?.Invoke(e) ?? true);
        lock (_messages)
        {
            if (_messages.FirstOrDefault(Matches) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var wait = new TaskCompletionSource<LiveMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((Matches, wait));
            return wait.Task.WaitAsync(Within);
        }
    }

    /// <summary>Waits until the log holds the event numbered <paramref name="sequence"/>.</summary>
    public Task<LiveMessage> Reaches(long sequence)
    {
        lock (_messages)
        {
            if (_messages.FirstOrDefault(m => m.Sequence >= sequence) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var wait = new TaskCompletionSource<LiveMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((m => m.Sequence >= sequence, wait));
            return wait.Task.WaitAsync(Within);
        }
    }

    public void Add(LiveMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                if (_waits[i].Match(message))
                {
                    _waits[i].Seen.TrySetResult(message);
                    _waits.RemoveAt(i);
                }
            }
        }
    }
}
