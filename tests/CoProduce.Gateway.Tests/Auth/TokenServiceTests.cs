using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Gateway.Auth;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>The bearer tokens: accepted only when signed with our key, for us, by us, and in date.</summary>
public sealed class TokenServiceTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static TokenService Service(string issuer = "coproduce", string audience = "coproduce-api", TimeProvider? time = null) =>
        new(new AuthOptions { Issuer = issuer, Audience = audience }, Key, time ?? TimeProvider.System);

    [Fact]
    public void IssuedTokenNamesThePerson()
    {
        var person = Guid.NewGuid();
        var (principal, failure) = Service().Validate(Service().Issue(person));
        Assert.Null(failure);
        Assert.Equal(person, principal!.PersonId());
    }

    [Fact]
    public void TokenFromAnotherIssuerOrForAnotherAudienceIsRefused()
    {
        var token = Service(issuer: "someone-else").Issue(Guid.NewGuid());
        Assert.Contains("issuer", Service().Validate(token).Failure, StringComparison.Ordinal);
        var elsewhere = Service(audience: "another-api").Issue(Guid.NewGuid());
        Assert.Contains("audience", Service().Validate(elsewhere).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiredTokenIsRefused()
    {
        var past = new FixedTime(DateTimeOffset.UtcNow.AddDays(-2));
        var token = Service(time: past).Issue(Guid.NewGuid(), TimeSpan.FromHours(1));
        Assert.Contains("expired", Service().Validate(token).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenSignedWithAnotherKeyOrNoAlgorithmIsRefused()
    {
        var other = new TokenService(new AuthOptions(), RandomNumberGenerator.GetBytes(32), TimeProvider.System).Issue(Guid.NewGuid());
        Assert.Contains("signature", Service().Validate(other).Failure, StringComparison.Ordinal);

        var parts = Service().Issue(Guid.NewGuid()).Split('.');
        var none = $"{Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8)}.{parts[1]}.";
        Assert.Contains("algorithm", Service().Validate(none).Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("not.a.token")]
    [InlineData("....")]
    public void MalformedTokenIsRefused(string token) => Assert.NotNull(Service().Validate(token).Failure);

    [Fact]
    public void TamperedPayloadIsRefused()
    {
        var parts = Service().Issue(Guid.NewGuid()).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("coproduce", "coproducf", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        Assert.Contains("signature", Service().Validate(tampered).Failure, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
