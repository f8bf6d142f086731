using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Console;

namespace CoProduce.Gateway.Cli;

/// <summary>
/// A command (<c>seed-demo</c>, <c>mint-token</c>, <c>migrate</c>) runs the same host as the server, grains and
/// storage included, but listens on no port, and its logs go to stderr: stdout holds only what the command
/// prints for a person or a script (ids, tokens, the migration's result).
/// </summary>
public static class CommandHost
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "seed-demo", "mint-token", "migrate" };

    public static bool IsCommand(IReadOnlyList<string> args) => args.Count > 0 && Commands.Contains(args[0]);

    public static WebApplicationBuilder RunCommandsWithoutListening(this WebApplicationBuilder builder, string[] args)
    {
        if (IsCommand(args))
        {
            builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Services.AddSingleton<IServer, NoServer>();
        }

        return builder;
    }

    /// <summary>The host's server for a command: it starts and stops, and never opens a socket.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
