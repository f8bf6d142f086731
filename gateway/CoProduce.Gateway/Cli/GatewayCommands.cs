using CoProduce.Gateway.Auth;

namespace CoProduce.Gateway.Cli;

/// <summary>
/// Commands for newcomers, run instead of serving: <c>mint-token [person-id]</c> prints a token for
/// trying the API at once (embedded mode), <c>seed-demo</c> creates a living example, <c>migrate</c> brings
/// the storage schema up to date and exits (the Kubernetes migration Job).
/// </summary>
public static class GatewayCommands
{
    public static async Task RunOrExecuteCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "mint-token":
                var person = args.Length > 1 && Guid.TryParse(args[1], out var given) ? given : Guid.NewGuid();
                var tokens = app.Services.GetRequiredService<TokenService>();
                Console.WriteLine($"person: {person}");
                Console.WriteLine($"token:  {tokens.Issue(person)}");
                return;
            case "migrate":
                Environment.ExitCode = await MigrateCommand.RunAsync(app.Services, Console.Out);
                return;
            case "seed-demo":
                await app.StartAsync();
                try
                {
                    await DemoSeed.RunAsync(app.Services, Console.Out);
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
}
