using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Auth;

/// <summary>Bearer tokens for everyone: staff tokens from the configured issuer, contributor tokens from invitations.</summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var storage = StorageOptions.FromConfiguration(builder.Configuration);
        var environment = builder.Environment;
        builder.Services.AddSingleton(options);

        // Read when first needed, so 'migrate' (the Kubernetes Job, which validates no token) runs without the
        // key; serving reads it at start-up (SigningKeyCheck), so a missing or published key stops the node then.
        builder.Services.AddSingleton(_ => SigningKeyRing.Resolve(options, storage, environment));
        builder.Services.AddSingleton(sp => new TokenService(options, sp.GetRequiredService<SigningKeyRing>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddHostedService<SigningKeyCheck>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TokenRevocation>();
        builder.Services.AddAuthentication(BearerHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerHandler>(BearerHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
