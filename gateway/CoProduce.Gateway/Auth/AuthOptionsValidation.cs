using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Checks section CoProduce:Auth when the gateway starts: a bad value stops start-up naming the setting. The signing
/// keys are checked when they are read (<see cref="SigningKeyCheck"/>), since an embedded node may keep its key in
/// the data folder instead.
/// </summary>
internal sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var broken = new List<string>();
        Check(!string.IsNullOrWhiteSpace(options.Issuer), nameof(AuthOptions.Issuer), "set");
        Check(!string.IsNullOrWhiteSpace(options.Audience), nameof(AuthOptions.Audience), "set");
        Check(options.TokenLifetime > TimeSpan.Zero, nameof(AuthOptions.TokenLifetime), "longer than zero");
        Check(options.InvitationTokenLifetime > TimeSpan.Zero, nameof(AuthOptions.InvitationTokenLifetime), "longer than zero");
        Check(options.RevocationCheckInterval >= TimeSpan.Zero, nameof(AuthOptions.RevocationCheckInterval), "zero or longer");
        try
        {
            _ = OrganisationIdentityProvider.FromOptions(options);
        }
        catch (InvalidOperationException providerError)
        {
            // Its message names the provider's setting.
            broken.Add(providerError.Message);
        }

        return broken.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(broken);

        void Check(bool valid, string setting, string rule)
        {
            if (!valid)
            {
                broken.Add($"Setting '{AuthOptions.Section}:{setting}' must be {rule}.");
            }
        }
    }
}
