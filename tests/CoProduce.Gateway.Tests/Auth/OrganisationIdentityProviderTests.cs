using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Gateway.Auth;
using Microsoft.IdentityModel.Tokens;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>
/// An organisation's own identity provider: its tokens are verified with its public keys only, name people of its own
/// namespace only, and carry nothing else; tokens that try to borrow another organisation's or the platform's trust fail.
/// </summary>
public sealed class OrganisationIdentityProviderTests : IDisposable
{
    private static readonly byte[] PlatformKey = RandomNumberGenerator.GetBytes(32);

    private readonly IdentityProviderKeys _a = IdentityProviderKeys.Rsa(Guid.NewGuid(), "https://idp.org-a.example");

    private readonly IdentityProviderKeys _b = IdentityProviderKeys.Ecdsa(Guid.NewGuid(), "https://idp.org-b.example");

    private BearerTrust Trust()
    {
        var options = new AuthOptions { OrganisationIdentityProviders = [_a.Options(), _b.Options()] };
        return new BearerTrust(options, () => new SigningKeyRing(PlatformKey), OrganisationIdentityProvider.FromOptions(options), TimeProvider.System);
    }

    [Fact]
    public async Task AProvidersTokenNamesAPersonOfItsOwnOrganisationAndNothingElse()
    {
        var trust = Trust();
        var token = _a.Token("alice", extra: new Dictionary<string, object>
        {
            ["role"] = "Admin",
            ["roles"] = new[] { "operator", "Finance" },
            [ClaimTypes.Role] = "operator",
            [ClaimTypes.NameIdentifier] = Guid.NewGuid().ToString(),
            [BearerTrust.OrganisationClaim] = _b.OrganisationId.ToString(),
        });

        var principal = await BearerTokenTests.Accepted(trust, token);
        Assert.Equal(trust.ProviderOf(_a.Issuer)!.PersonId("alice"), principal.PersonId());
        Assert.Equal(_a.OrganisationId, BearerTrust.OrganisationOf(principal));
        Assert.Equal([ClaimTypes.NameIdentifier, BearerTrust.OrganisationClaim, TokenService.ExpiresClaim, TokenService.IssuedAtClaim],
            principal.Claims.Select(c => c.Type));
        Assert.False(principal.IsInRole("Admin") || principal.IsInRole("operator"));

        var viaB = await BearerTokenTests.Accepted(trust, _b.Token("alice"));
        Assert.Equal(_b.OrganisationId, BearerTrust.OrganisationOf(viaB));
        Assert.NotEqual(principal.PersonId(), viaB.PersonId());
    }

    [Fact]
    public async Task AProviderCannotNameSomeoneByTheirPersonId()
    {
        var someone = Guid.NewGuid();
        var principal = await BearerTokenTests.Accepted(Trust(), _a.Token(someone.ToString()));
        Assert.NotEqual(someone, principal.PersonId());
    }

    [Fact]
    public async Task OrganisationAsKeyCannotSignForOrganisationB() =>
        await BearerTokenTests.Refused<SecurityTokenInvalidSignatureException>(Trust(), _a.Token("bob", issuer: _b.Issuer));

    [Fact]
    public async Task AProvidersKeyCannotSignForThePlatform() =>
        await BearerTokenTests.Refused<SecurityTokenInvalidSignatureException>(Trust(), _a.Token(Guid.NewGuid().ToString(), issuer: "coproduce"));

    [Fact]
    public async Task ThePlatformSecretCannotSignForAProvider()
    {
        var payload = $$"""{"iss":"{{_a.Issuer}}","aud":"coproduce-api","sub":"alice","exp":4102444800}""";
        await BearerTokenTests.Refused<Exception>(Trust(), BearerTokenTests.SignedToken("""{"alg":"HS256","typ":"JWT"}""", payload, PlatformKey));
        var ring = new SigningKeyRing(PlatformKey);
        await BearerTokenTests.Refused<Exception>(Trust(),
            BearerTokenTests.SignedToken($$"""{"alg":"HS256","typ":"JWT","kid":"{{ring.Current.Id}}"}""", payload, PlatformKey));
    }

    /// <summary>The classic confusion: HS256 keyed with the provider's public key, which anyone may know.</summary>
    [Fact]
    public async Task AnHs256TokenKeyedWithAProvidersPublicKeyIsRefused()
    {
        var payload = $$"""{"iss":"{{_a.Issuer}}","aud":"coproduce-api","sub":"alice","exp":4102444800}""";
        foreach (var secret in new[] { _a.PublicKeyDer, Encoding.ASCII.GetBytes(_a.PublicKeyPem) })
        {
            await BearerTokenTests.Refused<Exception>(Trust(), BearerTokenTests.SignedToken("""{"alg":"HS256","typ":"JWT","kid":"idp-1"}""", payload, secret));
        }
    }

    [Fact]
    public async Task AnUnsignedTokenWithAProvidersIssuerIsRefused()
    {
        var parts = _a.Token("alice").Split('.');
        await BearerTokenTests.Refused<Exception>(Trust(), $"{System.Buffers.Text.Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8)}.{parts[1]}.");
    }

    [Fact]
    public async Task AProvidersExpiredTokenOrOneForAnotherAudienceIsRefused()
    {
        await BearerTokenTests.Refused<SecurityTokenInvalidLifetimeException>(Trust(), _a.Token("alice", expires: DateTimeOffset.UtcNow.AddMinutes(-5)));
        await BearerTokenTests.Refused<SecurityTokenInvalidAudienceException>(Trust(), _a.Token("alice", audience: "another-api"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AProvidersTokenWithoutASubjectIsRefused(string subject) =>
        await BearerTokenTests.Refused<SecurityTokenValidationException>(Trust(), _a.Token(subject));

    [Fact]
    public void ConfigurationThatWouldBlurWhoSignsForWhomStopsStartUp()
    {
        using var rsa = RSA.Create(2048);
        using var small = RSA.Create(1024);
        OrganisationIdentityProviderOptions Provider(string issuer, string key) => new() { OrganisationId = Guid.NewGuid(), Issuer = issuer, Keys = [key] };
        AuthOptions[] refused =
        [
            new() { OrganisationIdentityProviders = [Provider("coproduce", rsa.ExportSubjectPublicKeyInfoPem())] },
            new() { OrganisationIdentityProviders = [Provider("", rsa.ExportSubjectPublicKeyInfoPem())] },
            new() { OrganisationIdentityProviders = [Provider("https://same", rsa.ExportSubjectPublicKeyInfoPem()), Provider("https://same", _a.PublicKeyPem)] },
            new() { OrganisationIdentityProviders = [Provider("https://idp", rsa.ExportRSAPrivateKeyPem())] },
            new() { OrganisationIdentityProviders = [Provider("https://idp", rsa.ExportPkcs8PrivateKeyPem())] },
            new() { OrganisationIdentityProviders = [Provider("https://idp", small.ExportSubjectPublicKeyInfoPem())] },
            new() { OrganisationIdentityProviders = [Provider("https://idp", "not a key")] },
            new() { OrganisationIdentityProviders = [new() { OrganisationId = Guid.Empty, Issuer = "https://idp", Keys = [rsa.ExportSubjectPublicKeyInfoPem()] }] },
            new() { OrganisationIdentityProviders = [new() { OrganisationId = Guid.NewGuid(), Issuer = "https://idp", Keys = [] }] },
        ];
        foreach (var options in refused)
        {
            var error = Assert.Throws<InvalidOperationException>(() => OrganisationIdentityProvider.FromOptions(options));
            Assert.Contains("CoProduce:Auth:OrganisationIdentityProviders:", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(2, OrganisationIdentityProvider.FromOptions(new AuthOptions { OrganisationIdentityProviders = [_a.Options(), _b.Options()] }).Count);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
