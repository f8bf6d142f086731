using CoProduce.Runtime.Storage;

namespace CoProduce.Gateway.Auth;

/// <summary>Bearer tokens for everyone: staff tokens from the configured issuer, contributor tokens from invitations.</summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var storage = StorageOptions.FromConfiguration(builder.Configuration);
        var keys = SigningKeyRing.Resolve(options, storage);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new TokenService(options, keys, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TokenRevocation>();
        builder.Services.AddAuthentication(BearerHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerHandler>(BearerHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
