namespace CoProduce.Gateway.Auth;

/// <summary>Reads the signing keys when the gateway starts serving, so a missing, short or published key stops start-up naming the setting.</summary>
internal sealed class SigningKeyCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<TokenService>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
