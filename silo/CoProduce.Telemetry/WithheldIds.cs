using System.Collections.Concurrent;

namespace CoProduce.Telemetry;

/// <summary>Grain ids withheld from unattributed spans, remembered (up to a limit, oldest forgotten first) to keep them out of later spans.</summary>
internal sealed class WithheldIds(int limit)
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Remember(string id)
    {
        if (!_ids.TryAdd(id, 0))
        {
            return;
        }

        _order.Enqueue(id);
        while (_ids.Count > limit && _order.TryDequeue(out var oldest))
        {
            _ids.TryRemove(oldest, out _);
        }
    }

    /// <summary>Whether <paramref name="value"/> is a remembered id or holds one (an address, a message).</summary>
    public bool Names(string value) =>
        !_ids.IsEmpty && (_ids.ContainsKey(value) || _ids.Keys.Any(id => value.Contains(id, StringComparison.Ordinal)));
}
