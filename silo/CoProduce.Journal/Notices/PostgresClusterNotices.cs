using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CoProduce.Journal.Notices;

/// <summary>
/// PostgreSQL LISTEN/NOTIFY. One connection per node listens on every channel asked for; when it breaks
/// it reconnects and tells every listener to resync, since NOTIFY is not replayed.
/// </summary>
internal sealed partial class PostgresClusterNotices(string connectionString, ILogger<PostgresClusterNotices> logger)
    : BackgroundService, IClusterNotices
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly NoticeListeners _listeners = new();

    public bool ReachesOtherNodes => true;

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public IDisposable Listen(string channel, Action<string> onNotice, Action onResync) => _listeners.Add(channel, onNotice, onResync);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(logger, e);
                await Task.Delay(RetryDelay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) => _listeners.Deliver(e.Channel, e.Payload);
        var listening = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var channel in _listeners.Channels.Where(listening.Add).ToList())
            {
                await using var listen = new NpgsqlCommand($"LISTEN \"{channel.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await listen.ExecuteNonQueryAsync(stoppingToken);
            }

            if (first)
            {
                // Anything sent while no connection listened is lost: listeners read their journals again.
                first = false;
                _listeners.Resync();
            }

            await connection.WaitAsync(Poll, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for cluster notices failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
