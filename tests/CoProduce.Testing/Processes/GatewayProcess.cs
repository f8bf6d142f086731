namespace CoProduce.Testing.Processes;

/// <summary>The built gateway in its own process on a free loopback port, started and ready to serve.</summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    public const string Project = "gateway/CoProduce.Gateway";

    private GatewayProcess(NodeProcess node, Uri address)
    {
        Node = node;
        Address = address;
    }

    public NodeProcess Node { get; }

    public Uri Address { get; }

    /// <summary>
    /// Starts the gateway with <paramref name="environment"/> (settings as CoProduce__Storage__Provider and
    /// so on), waits until its host has started, then asks /health/ready once: it must be ready.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CoProduce__Invitations__LinkBase"] = address.ToString(),
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        var node = NodeProcess.Start(name, BuildOutput.AssemblyOf(Project), ["--urls", address.ToString()], settings);
        try
        {
            // The host reports "Application started" only after Kestrel has bound its port.
            await node.WaitForOutputAsync("Application started", timeout).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = address, Timeout = timeout };
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative)).ConfigureAwait(false);
            if (!ready.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"{name} started but /health/ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new GatewayProcess(node, address);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
