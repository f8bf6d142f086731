using System.Diagnostics;

namespace CoProduce.LiveBench.Clients;

/// <summary>
/// The listening clients of one server: connected and joined a few dozen at a time, kept alive with
/// pings, and asked when the last of them received the latest marked message.
/// </summary>
public sealed class ClientFleet : IAsyncDisposable
{
    private const int ConnectingAtOnce = 32;

    private readonly List<LightClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pinging;

    public ClientFleet() => _pinging = Task.Run(PingAsync);

    public int Count => _clients.Count;

    /// <summary>Grows the fleet to <paramref name="total"/> clients; <paramref name="open"/> connects and joins the n-th.</summary>
    public async Task GrowToAsync(int total, Func<int, CancellationToken, Task<LightClient>> open)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var first = _clients.Count;
        for (var start = first; start < total; start += ConnectingAtOnce)
        {
            var batch = await Task.WhenAll(Enumerable.Range(start, Math.Min(ConnectingAtOnce, total - start)).Select(n => open(n, timeout.Token)));
            lock (_clients)
            {
                _clients.AddRange(batch);
            }
        }
    }

    /// <summary>How many marked messages each client has received so far.</summary>
    public int[] Counts()
    {
        lock (_clients)
        {
            return [.. _clients.Select(c => c.Marked)];
        }
    }

    /// <summary>
    /// Waits until every client has received a marked message more than it had in <paramref name="before"/>
    /// and returns the time from <paramref name="sentAt"/> to the last arrival.
    /// </summary>
    public async Task<double> AllReceivedAsync(int[] before, long sentAt, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var behind = 0;
            var last = sentAt;
            for (var i = 0; i < before.Length; i++)
            {
                var client = _clients[i];
                if (client.Marked <= before[i])
                {
                    behind++;
                }
                else
                {
                    last = Math.Max(last, client.MarkedAt);
                }
            }

            if (behind == 0)
            {
                return Stopwatch.GetElapsedTime(sentAt, last).TotalMilliseconds;
            }

            if (waited.Elapsed > limit)
            {
                var closed = _clients.Where(c => c.Closed is not null).Select(c => c.Closed).FirstOrDefault();
                throw new TimeoutException($"{behind} of {before.Length} clients did not receive the push within {limit.TotalSeconds} s{(closed is null ? "" : $" (e.g. {closed})")}.");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Size on the wire of the marked message the first client last received.</summary>
    public int MarkedBytes => _clients.Count == 0 ? 0 : _clients[0].MarkedBytes;

    private async Task PingAsync()
    {
        using var every = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await every.WaitForNextTickAsync(_stop.Token))
            {
                LightClient[] all;
                lock (_clients)
                {
                    all = [.. _clients];
                }

                foreach (var client in all)
                {
                    if (client.Closed is null)
                    {
                        try
                        {
                            await client.PingAsync();
                        }
                        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
                        {
                            // The receiving side records why it closed.
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pinging;
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
        _stop.Dispose();
    }
}
