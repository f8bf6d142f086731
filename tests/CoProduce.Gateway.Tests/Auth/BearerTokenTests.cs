using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Gateway.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>
/// The bearer tokens, checked with the validation parameters the JwtBearer handler uses: accepted only when signed with
/// our key, for us, by us, and in date. Every refusal is a failed validation, never an exception out of it.
/// </summary>
public sealed class BearerTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static TokenService Service(string issuer = "coproduce", string audience = "coproduce-api", TimeProvider? time = null) =>
        new(new AuthOptions { Issuer = issuer, Audience = audience }, Key, time ?? TimeProvider.System);

    [Fact]
    public async Task IssuedTokenNamesThePersonAndItsTimes()
    {
        var person = Guid.NewGuid();
        var principal = await Accepted(Trust(), Service().Issue(person));
        Assert.Equal(person, principal.PersonId());
        Assert.NotNull(TokenService.ExpiresAt(principal));
        Assert.NotNull(principal.FindFirstValue(TokenService.IssuedAtClaim));
        Assert.Null(BearerTrust.OrganisationOf(principal));
    }

    [Fact]
    public async Task TokenFromAnotherIssuerOrForAnotherAudienceIsRefused()
    {
        await Refused<SecurityTokenInvalidIssuerException>(Trust(), Service(issuer: "someone-else").Issue(Guid.NewGuid()));
        await Refused<SecurityTokenInvalidAudienceException>(Trust(), Service(audience: "another-api").Issue(Guid.NewGuid()));
    }

    [Fact]
    public async Task ExpiredTokenIsRefused()
    {
        var past = new FixedTime(DateTimeOffset.UtcNow.AddDays(-2));
        await Refused<SecurityTokenInvalidLifetimeException>(Trust(), Service(time: past).Issue(Guid.NewGuid(), TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task TokenSignedWithAnotherKeyOrNoAlgorithmIsRefused()
    {
        var other = new TokenService(new AuthOptions(), RandomNumberGenerator.GetBytes(32), TimeProvider.System).Issue(Guid.NewGuid());
        await Refused<SecurityTokenSignatureKeyNotFoundException>(Trust(), other);

        // Naming our key in the header does not help: the signature must be ours.
        var otherParts = other.Split('.');
        var ours = Service().Issue(Guid.NewGuid()).Split('.')[0];
        await Refused<SecurityTokenInvalidSignatureException>(Trust(), $"{ours}.{otherParts[1]}.{otherParts[2]}");

        var parts = Service().Issue(Guid.NewGuid()).Split('.');
        await Refused<SecurityTokenInvalidSignatureException>(Trust(), $"{Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8)}.{parts[1]}.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("not.a.token")]
    [InlineData("....")]
    public async Task MalformedTokenIsRefused(string token) => await Refused<Exception>(Trust(), token);

    [Fact]
    public async Task TamperedPayloadIsRefused()
    {
        var parts = Service().Issue(Guid.NewGuid()).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("coproduce-api", "coproducf-api", StringComparison.Ordinal);
        await Refused<SecurityTokenInvalidSignatureException>(Trust(), $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}");
    }

    /// <summary>
    /// Claims a signed token may carry that no date or reader can hold: each is a refusal, never an exception. (A
    /// fraction of a second is a valid NumericDate in RFC 7519, so <c>"nbf":1.5</c> is not among them.)
    /// </summary>
    [Theory]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":253402300800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":99999999999999999}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":1e300}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":-99999999999999}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":"tomorrow"}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800,"nbf":253402300800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800,"nbf":{"at":1}}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800,"iat":-62135596801}""")]
    [InlineData("""{"iss":7,"aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":[1,{"a":2}],"sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":{"x":"coproduce-api"},"sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":12,"exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e"}""")]
    [InlineData("""["iss","coproduce"]""")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public async Task SignedTokenWithUnreadableClaimsIsRefusedNotThrown(string payload) =>
        await Refused<Exception>(Trust(), SignedToken("""{"alg":"HS256","typ":"JWT"}""", payload));

    [Theory]
    [InlineData("""["HS256"]""")]
    [InlineData("""{"alg":"HS256","kid":7}""")]
    [InlineData("""{"alg":"HS256","kid":"someone-elses"}""")]
    [InlineData("""{"alg":["HS256"]}""")]
    [InlineData("""{"alg":"HS384"}""")]
    public async Task SignedTokenWithAnUnreadableHeaderIsRefusedNotThrown(string header)
    {
        var payload = """{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""";
        await Refused<Exception>(Trust(), SignedToken(header, payload));
    }

    [Fact]
    public async Task NewTokensNameTheirKeyAndARotatedKeyValidatesUntilItIsRemoved()
    {
        var old = RandomNumberGenerator.GetBytes(32);
        var current = RandomNumberGenerator.GetBytes(32);
        var person = Guid.NewGuid();
        var beforeRotation = new TokenService(new AuthOptions(), new SigningKeyRing(old), TimeProvider.System).Issue(person);
        Assert.Equal(new SigningKey(old).Id, new JsonWebToken(beforeRotation).Kid);

        var overlapping = new SigningKeyRing(current, [old]);
        Assert.Equal(person, (await Accepted(Trust(overlapping), beforeRotation)).PersonId());
        var afterRotation = new TokenService(new AuthOptions(), overlapping, TimeProvider.System).Issue(person);
        Assert.Equal(new SigningKey(current).Id, new JsonWebToken(afterRotation).Kid);

        var retired = new SigningKeyRing(current);
        Assert.Equal(person, (await Accepted(Trust(retired), afterRotation)).PersonId());
        await Refused<SecurityTokenSignatureKeyNotFoundException>(Trust(retired), beforeRotation);
    }

    [Fact]
    public async Task TokenWithoutAKeyIdIsCheckedWithEveryKeyInTheRing()
    {
        var payload = $$"""{"iss":"coproduce","aud":"coproduce-api","sub":"{{Guid.NewGuid()}}","exp":4102444800}""";
        var legacy = SignedToken("""{"alg":"HS256","typ":"JWT"}""", payload);
        await Accepted(Trust(new SigningKeyRing(RandomNumberGenerator.GetBytes(32), [Key])), legacy);
        await Refused<SecurityTokenInvalidSignatureException>(Trust(new SigningKeyRing(RandomNumberGenerator.GetBytes(32))), legacy);
    }

    /// <summary>The platform's trust with <paramref name="ring"/> (our <see cref="Key"/> unless given) and no organisation's provider.</summary>
    internal static BearerTrust Trust(SigningKeyRing? ring = null, IReadOnlyList<OrganisationIdentityProvider>? providers = null, AuthOptions? options = null) =>
        new(options ?? new AuthOptions(), () => ring ?? new SigningKeyRing(Key), providers ?? [], TimeProvider.System);

    /// <summary>Validates as the gateway's JwtBearer handler does (same parameters, claims as sent), then reads the person.</summary>
    internal static async Task<(ClaimsPrincipal? Principal, Exception? Failure)> Validate(BearerTrust trust, string token)
    {
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, trust.Parameters());
        if (!result.IsValid)
        {
            return (null, result.Exception ?? new SecurityTokenValidationException("Refused without a reason."));
        }

        var (principal, failure) = trust.Principal((JsonWebToken)result.SecurityToken);
        return (principal, failure is null ? null : new SecurityTokenValidationException(failure));
    }

    internal static async Task<ClaimsPrincipal> Accepted(BearerTrust trust, string token)
    {
        var (principal, failure) = await Validate(trust, token);
        Assert.Null(failure);
        return principal!;
    }

    internal static async Task Refused<TFailure>(BearerTrust trust, string token)
        where TFailure : Exception
    {
        var (principal, failure) = await Validate(trust, token);
        Assert.True(principal is null, $"Accepted {token}, payload {Payload(token)}");
        Assert.IsAssignableFrom<TFailure>(failure);
    }

    private static string Payload(string token) =>
        token.Split('.') is [_, var payload, ..] && Base64Url.IsValid(payload) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)) : "(none)";

    /// <summary>A token with this header and payload, correctly signed (HS256) with <see cref="Key"/> or <paramref name="key"/>.</summary>
    public static string SignedToken(string header, string payload, byte[]? key = null) =>
        SignedWith(header, payload, body => HMACSHA256.HashData(key ?? Key, body));

    /// <summary>A token with this header and payload and the signature <paramref name="sign"/> makes of its first two parts.</summary>
    public static string SignedWith(string header, string payload, Func<byte[], byte[]> sign)
    {
        var body = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        return $"{body}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(body)))}";
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
