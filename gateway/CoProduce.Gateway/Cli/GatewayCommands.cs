using CoProduce.Gateway.Auth;
using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Cli;

/// <summary>
/// Commands for newcomers, run instead of serving: <c>mint-token [person-id]</c> prints a token for
/// trying the API at once (embedded mode), <c>seed-demo</c> creates a living example, <c>migrate</c> brings
/// the storage schema up to date and exits (the Kubernetes migration Job).
/// <c>mint-token</c> and <c>seed-demo</c> sign people in without anyone's say-so, so outside Development and
/// the embedded (SQLite) default they refuse to run unless given <c>--allow-production</c>; every run is logged.
/// </summary>
public static partial class GatewayCommands
{
    /// <summary>The flag that lets mint-token and seed-demo run against a shared (PostgreSQL) database outside Development.</summary>
    public const string AllowProductionFlag = "--allow-production";

    public static async Task RunOrExecuteCommandAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CoProduce.Gateway.Cli");
        switch (command)
        {
            case "mint-token" or "seed-demo" when !MayRun(app.Environment, app.Configuration, args):
                var refusal = $"{command}: refused. It signs people in without their say-so, so it runs only in Development or on the embedded "
                    + $"SQLite storage. To run it here anyway, add {AllowProductionFlag}.";
                Refused(log, command);
                await Console.Error.WriteLineAsync(refusal);
                Environment.ExitCode = 2;
                return;
            case "mint-token":
                var person = args.Length > 1 && Guid.TryParse(args[1], out var given) ? given : Guid.NewGuid();
                var tokens = app.Services.GetRequiredService<TokenService>();
                var token = tokens.Issue(person);
                Minted(log, person, tokens.Options.TokenLifetime, app.Environment.EnvironmentName, Provider(app));
                Console.WriteLine($"person: {person}");
                Console.WriteLine($"token:  {token}");
                return;
            case "migrate":
                Environment.ExitCode = await MigrateCommand.RunAsync(app.Services, Console.Out);
                return;
            case "seed-demo":
                await app.StartAsync();
                try
                {
                    await DemoSeed.RunAsync(app.Services, Console.Out);
                    Seeded(log, app.Environment.EnvironmentName, Provider(app));
                }
                finally
                {
                    await app.StopAsync();
                }

                return;
            default:
                await app.RunAsync();
                return;
        }
    }

    /// <summary>Development, the embedded SQLite default, or an operator who said so explicitly.</summary>
    public static bool MayRun(IHostEnvironment environment, IConfiguration configuration, IReadOnlyList<string> args) =>
        environment.IsDevelopment()
        || string.Equals(StorageOptions.FromConfiguration(configuration).Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase)
        || args.Contains(AllowProductionFlag, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Command}: refused outside Development and embedded SQLite storage without --allow-production")]
    private static partial void Refused(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mint-token: issued a token for person {PersonId}, valid for {Lifetime} (environment {Environment}, storage {Provider})")]
    private static partial void Minted(ILogger logger, Guid personId, TimeSpan lifetime, string environment, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "seed-demo: created the demo network, organisations, project and people, and printed a token for each (environment {Environment}, storage {Provider})")]
    private static partial void Seeded(ILogger logger, string environment, string provider);

    private static string Provider(WebApplication app) => StorageOptions.FromConfiguration(app.Configuration).Provider ?? "none";
}
