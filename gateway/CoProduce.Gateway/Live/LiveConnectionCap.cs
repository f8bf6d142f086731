using CoProduce.Grains.Live;
using CoProduce.Telemetry;

namespace CoProduce.Gateway.Live;

/// <summary>
/// The cap on each person's live connections (<see cref="LiveOptions.ConnectionsPerPerson"/>), counted across every
/// gateway node by the person's <see cref="IPersonConnectionsGrain"/>. This node takes a slot when a connection opens,
/// gives it back when the connection closes, and renews its lease on the slots it holds with every heartbeat
/// (<see cref="LiveOptions.HeartbeatInterval"/>), so that if it dies they are free again once
/// <see cref="LiveOptions.PresenceLease"/> has passed. When the count cannot be reached, this node's own count decides.
/// The count's grain is keyed by the person's id, and whoever connects may go on to cast anonymous ballots: every call
/// to it runs unattributed, so no span or log names them (as for the join's own checks, <see cref="LiveAdmission"/>).
/// </summary>
internal sealed partial class LiveConnectionCap(
    IGrainFactory grains,
    LiveFeeds feeds,
    LiveOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LiveConnectionCap> logger) : IHostedService
{
    private readonly Dictionary<Guid, HashSet<string>> _held = [];
    private readonly Lock _gate = new();
    private Task _renewing = Task.CompletedTask;

    /// <summary>Takes a slot for the connection; false when the person holds the cap already.</summary>
    public async Task<bool> TryOpenAsync(Guid personId, string connectionId)
    {
        if (HeldHere(personId) >= options.ConnectionsPerPerson)
        {
            return false;
        }

        bool? counted = null;
        using var unattributed = Unattributed.Begin();
        try
        {
            counted = await Connections(personId).Open(feeds.Node, connectionId, options.ConnectionsPerPerson, options.PresenceLease);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUncounted(logger, e);
        }

        lock (_gate)
        {
            _held.TryGetValue(personId, out var here);
            if (counted == false || (counted is null && here?.Count >= options.ConnectionsPerPerson))
            {
                return false;
            }

            if (here is null)
            {
                here = new HashSet<string>(StringComparer.Ordinal);
                _held[personId] = here;
            }

            here.Add(connectionId);
            return true;
        }
    }

    /// <summary>Gives the connection's slot back.</summary>
    public async Task CloseAsync(Guid personId, string connectionId)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(personId, out var here) && here.Remove(connectionId) && here.Count == 0)
            {
                _held.Remove(personId);
            }
        }

        using var unattributed = Unattributed.Begin();
        try
        {
            await Connections(personId).Close(feeds.Node, connectionId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The slot stays counted until this node's next renewals, which no longer list it.
            LogCloseFailed(logger, e);
        }
    }

    /// <summary>Renews this node's lease on every slot it holds (also what the timer does).</summary>
    public async Task RenewOnceAsync(CancellationToken cancellationToken = default)
    {
        List<(Guid PersonId, string[] ConnectionIds)> held;
        lock (_gate)
        {
            held = [.. _held.Select(p => (p.Key, p.Value.ToArray()))];
        }

        using var unattributed = Unattributed.Begin();
        await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (person, _) =>
        {
            try
            {
                await Connections(person.PersonId).Renew(feeds.Node, person.ConnectionIds, options.PresenceLease);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRenewFailed(logger, e);
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewing = RenewAsync(lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private int HeldHere(Guid personId)
    {
        lock (_gate)
        {
            return _held.TryGetValue(personId, out var here) ? here.Count : 0;
        }
    }

    private IPersonConnectionsGrain Connections(Guid personId) => grains.GetGrain<IPersonConnectionsGrain>(personId);

    private async Task RenewAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await RenewOnceAsync(stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A person's live connections could not be counted across the cluster; this node's own count decides")]
    private static partial void LogUncounted(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving back a closed live connection's slot failed; this node's renewals give it back")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing a person's live connections failed; the next heartbeat tries again")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
