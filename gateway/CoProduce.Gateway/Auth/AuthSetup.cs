using CoProduce.Journal.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Bearer tokens for everyone, validated by ASP.NET Core's JwtBearer handler: the platform's own tokens (staff from
/// mint-token or an issuer holding the signing key, contributors from invitations) and tokens from organisations'
/// own identity providers (<see cref="BearerTrust"/>).
/// </summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddGatewayAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);

        // Read when first needed, so 'migrate' (the Kubernetes Job, which validates no token) runs without the
        // key; serving reads it at start-up (SigningKeyCheck), so a missing or published key stops the node then.
        builder.Services.AddSingleton(sp => SigningKeyRing.Resolve(
            sp.GetRequiredService<AuthOptions>(), sp.GetRequiredService<StorageOptions>(), sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton(sp => new TokenService(sp.GetRequiredService<AuthOptions>(), sp.GetRequiredService<SigningKeyRing>(), Clock(sp)));
        builder.Services.AddSingleton(sp => new BearerTrust(
            sp.GetRequiredService<AuthOptions>(),
            sp.GetRequiredService<SigningKeyRing>,
            OrganisationIdentityProvider.FromOptions(sp.GetRequiredService<AuthOptions>()),
            Clock(sp)));
        builder.Services.AddHostedService<SigningKeyCheck>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TokenRevocation>();
        builder.Services.AddSingleton<OrganisationStaff>();
        builder.Services.AddSingleton<BearerEvents>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<BearerTrust>((bearer, trust) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = trust.Parameters();
                bearer.EventsType = typeof(BearerEvents);
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
