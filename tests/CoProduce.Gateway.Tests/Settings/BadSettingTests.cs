namespace CoProduce.Gateway.Tests.Settings;

/// <summary>
/// Every options section is bound and validated when the gateway starts: a bad value stops start-up with a message
/// naming the setting, before the silo or a request runs.
/// </summary>
public sealed class BadSettingTests
{
    [Theory]
    [InlineData("CoProduce:Jobs:WorkerCount", "0", "CoProduce:Jobs:WorkerCount")]
    [InlineData("CoProduce:Jobs:InvisibilityTimeout", "00:00:00.500", "CoProduce:Jobs:InvisibilityTimeout")]
    [InlineData("CoProduce:Payments:ChunkSize", "0", "CoProduce:Payments:ChunkSize")]
    [InlineData("CoProduce:Payments:MaxRetryBackoff", "00:00:01", "CoProduce:Payments:MaxRetryBackoff")]
    [InlineData("CoProduce:RateLimits:PerPersonPerMinute", "-1", "CoProduce:RateLimits:PerPersonPerMinute")]
    [InlineData("CoProduce:Live:CallBurst", "0", "CoProduce:Live:CallBurst")]
    [InlineData("CoProduce:Live:PresenceLease", "00:00:00", "CoProduce:Live:PresenceLease")]
    [InlineData("CoProduce:Auth:TokenLifetime", "-00:00:01", "CoProduce:Auth:TokenLifetime")]
    [InlineData("CoProduce:Auth:OrganisationIdentityProviders:0:Issuer", "https://idp.example", "CoProduce:Auth:OrganisationIdentityProviders:0:OrganisationId")]
    public void ABadValueStopsStartUpNamingTheSetting(string setting, string value, string named)
    {
        using var app = new GatewayApplication(settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(Messages(error), m => m.Contains($"Setting '{named}'", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Messages(Exception? error) => error switch
    {
        null => [],
        AggregateException many => [many.Message, .. many.InnerExceptions.SelectMany(Messages)],
        _ => [error.Message, .. Messages(error.InnerException)],
    };
}
