namespace CoProduce.Gateway.Hosting;

/// <summary>
/// Where the gateway listens when nobody said: <see cref="Default"/>. Anything that names an address wins
/// (ASPNETCORE_URLS, <c>--urls</c>, HTTP_PORTS or HTTPS_PORTS, Kestrel endpoints in configuration), under
/// <c>dotnet run</c> too: the launch profile names no address, so it cannot override them.
/// </summary>
public static class ListeningAddress
{
    public const string Default = "http://localhost:5080";

    public static WebApplicationBuilder ListenOnDefaultAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var named = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!named)
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }
}
