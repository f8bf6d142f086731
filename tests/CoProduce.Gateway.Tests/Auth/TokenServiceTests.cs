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
        Assert.Contains("key", Service().Validate(other).Failure, StringComparison.Ordinal);

        // Naming our key in the header does not help: the signature must be ours.
        var otherParts = other.Split('.');
        var ours = Service().Issue(Guid.NewGuid()).Split('.')[0];
        Assert.Contains("signature", Service().Validate($"{ours}.{otherParts[1]}.{otherParts[2]}").Failure, StringComparison.Ordinal);

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

    /// <summary>Claims a signed token may carry that no date or reader can hold: each is a refusal, never an exception.</summary>
    [Theory]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":253402300800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":99999999999999999}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":1e300}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":-99999999999999}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":"tomorrow"}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800,"nbf":253402300800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800,"nbf":1.5}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800,"iat":-62135596801}""")]
    [InlineData("""{"iss":7,"aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":[1,{"a":2}],"sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":{"x":"coproduce-api"},"sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""")]
    [InlineData("""{"iss":"coproduce","aud":"coproduce-api","sub":12,"exp":4102444800}""")]
    [InlineData("""["iss","coproduce"]""")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    public void SignedTokenWithUnreadableClaimsIsRefusedNotThrown(string payload)
    {
        var (principal, failure) = Service().Validate(SignedToken("""{"alg":"HS256","typ":"JWT"}""", payload));
        Assert.Null(principal);
        Assert.NotNull(failure);
    }

    [Theory]
    [InlineData("""["HS256"]""")]
    [InlineData("""{"alg":"HS256","kid":7}""")]
    [InlineData("""{"alg":"HS256","kid":"someone-elses"}""")]
    [InlineData("""{"alg":["HS256"]}""")]
    public void SignedTokenWithAnUnreadableHeaderIsRefusedNotThrown(string header)
    {
        var payload = """{"iss":"coproduce","aud":"coproduce-api","sub":"0f8fad5b-d9cb-469f-a165-70867728950e","exp":4102444800}""";
        Assert.NotNull(Service().Validate(SignedToken(header, payload)).Failure);
    }

    [Fact]
    public void NewTokensNameTheirKeyAndARotatedKeyValidatesUntilItIsRemoved()
    {
        var old = RandomNumberGenerator.GetBytes(32);
        var current = RandomNumberGenerator.GetBytes(32);
        var person = Guid.NewGuid();
        var beforeRotation = new TokenService(new AuthOptions(), new SigningKeyRing(old), TimeProvider.System).Issue(person);
        var header = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(beforeRotation.Split('.')[0]));
        Assert.Contains($"\"kid\":\"{new SigningKey(old).Id}\"", header, StringComparison.Ordinal);

        var overlapping = new TokenService(new AuthOptions(), new SigningKeyRing(current, [old]), TimeProvider.System);
        Assert.Equal(person, overlapping.Validate(beforeRotation).Principal?.PersonId());
        var afterRotation = overlapping.Issue(person);
        Assert.Contains(new SigningKey(current).Id, Encoding.UTF8.GetString(Base64Url.DecodeFromChars(afterRotation.Split('.')[0])), StringComparison.Ordinal);

        var retired = new TokenService(new AuthOptions(), new SigningKeyRing(current), TimeProvider.System);
        Assert.Equal(person, retired.Validate(afterRotation).Principal?.PersonId());
        Assert.Contains("key", retired.Validate(beforeRotation).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenWithoutAKeyIdIsCheckedWithEveryKeyInTheRing()
    {
        var payload = $$"""{"iss":"coproduce","aud":"coproduce-api","sub":"{{Guid.NewGuid()}}","exp":4102444800}""";
        var legacy = SignedToken("""{"alg":"HS256","typ":"JWT"}""", payload);
        Assert.NotNull(new TokenService(new AuthOptions(), new SigningKeyRing(RandomNumberGenerator.GetBytes(32), [Key]), TimeProvider.System).Validate(legacy).Principal);
        Assert.Contains("signature", new TokenService(new AuthOptions(), new SigningKeyRing(RandomNumberGenerator.GetBytes(32)), TimeProvider.System).Validate(legacy).Failure, StringComparison.Ordinal);
    }

    /// <summary>A token with this header and payload, correctly signed with <see cref="Key"/>.</summary>
    public static string SignedToken(string header, string payload, byte[]? key = null)
    {
        var body = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        return $"{body}.{Base64Url.EncodeToString(HMACSHA256.HashData(key ?? Key, Encoding.ASCII.GetBytes(body)))}";
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
