using CoProduce.Grains.Common;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    /// <summary>Pushes one person may cause by hands and pace signals at once, before the average rate applies.</summary>
    public const int PersonBroadcastBurst = 8;

    /// <summary>Pushes per minute, on average, one person may cause by hands and pace signals.</summary>
    public const double PersonBroadcastsPerMinute = 12;

    /// <summary>
    /// Each person's budget of pushes to the room (a token bucket), per project and whatever number of connections
    /// or gateways they call from, since every call for the project comes through this grain. In memory: it guards
    /// the room's attention, not a record.
    /// </summary>
    private readonly Dictionary<Guid, (double Tokens, DateTimeOffset At)> _budgets = [];

    /// <summary>Takes one push from the person's budget, or refuses the call and changes nothing.</summary>
    private void Spend(Guid personId)
    {
        var now = time.GetUtcNow();
        var (tokens, at) = _budgets.GetValueOrDefault(personId, (PersonBroadcastBurst, now));
        tokens = Math.Min(PersonBroadcastBurst, tokens + (Math.Max(0, (now - at).TotalMinutes) * PersonBroadcastsPerMinute));
        if (tokens < 1)
        {
            _budgets[personId] = (tokens, now);
            throw DomainException.Conflict("You are changing your hand or signals too often; wait a moment and try again.");
        }

        _budgets[personId] = (tokens - 1, now);
        if (_budgets.Count > 4096)
        {
            // Forget full budgets of people not calling lately, so the map stays the size of who is active.
            foreach (var idle in _budgets.Where(b => b.Value.Tokens + ((now - b.Value.At).TotalMinutes * PersonBroadcastsPerMinute) >= PersonBroadcastBurst).Select(b => b.Key).ToList())
            {
                _budgets.Remove(idle);
            }
        }
    }
}
