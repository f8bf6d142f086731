namespace CoProduce.Gateway.Auth;

/// <summary>
/// Reads the signing keys and the organisations' identity providers when the gateway starts serving, so a missing,
/// short or published key, or a provider's unusable key or issuer, stops start-up naming the setting.
/// </summary>
internal sealed class SigningKeyCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<TokenService>();
        _ = services.GetRequiredService<BearerTrust>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
