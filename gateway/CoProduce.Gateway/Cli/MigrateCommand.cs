using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Cli;

/// <summary>
/// <c>migrate</c>: brings the storage schema up to date and exits, without serving. Kubernetes runs it as
/// a Job before a rollout. Nodes still migrate at start-up too: the migration is idempotent and runs under
/// a lock (an advisory lock on PostgreSQL), so the Job and starting nodes never race into a half-applied step.
/// </summary>
public static class MigrateCommand
{
    /// <summary>Returns the process exit code: 0 when the schema is current, 1 when migrating failed.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var storage = services.GetRequiredService<IGrainStorage>();
        try
        {
            await storage.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await output.WriteLineAsync($"migrate: {storage.ProviderName} storage could not be migrated: {e.Message}");
            return 1;
        }

        await output.WriteLineAsync($"migrate: {storage.ProviderName} storage schema is up to date.");
        return 0;
    }
}
