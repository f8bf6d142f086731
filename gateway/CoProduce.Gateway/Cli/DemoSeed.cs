using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Runtime.Grains;

namespace CoProduce.Gateway.Cli;

/// <summary>
/// A living example: a network of two organisations, a project in pre-production and a handful of
/// participants, with a token for each so a newcomer can use the API as any of them.
/// </summary>
public static class DemoSeed
{
    public static async Task RunAsync(IServiceProvider services, TextWriter output)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var tokens = services.GetRequiredService<TokenService>();
        var admin = Guid.NewGuid();
        var council = Guid.NewGuid();
        await grains.GetGrain<IOrganisationGrain>(council).Create(new Actor(admin), "Northshire County Council", OrganisationKind.LocalAuthority, "Priya (council admin)");
        await output.WriteLineAsync($"organisation {council}: Northshire County Council");
        await output.WriteLineAsync($"  admin {admin}  token {tokens.Issue(admin)}");
    }
}
