namespace CoProduce.Gateway.Live;

/// <summary>A token bucket per person (shared by their connections): a burst of calls, then calls at the average rate.</summary>
internal sealed class ConnectionRateLimit(LiveOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = options.CallBurst;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(options.CallBurst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * options.CallsPerSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
