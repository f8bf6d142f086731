using CoProduce.Gateway.Hosting;

namespace CoProduce.LiveBench.Hosting;

/// <summary>The gateway exactly as it ships (the same composition as its Program.cs), plus the memory probe.</summary>
public static class GatewayServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCoProduceGateway();
        var app = builder.Build();
        app.UseGatewayConventions();
        app.MapCoProduceApi();
        app.MapMemoryProbe();
        await app.RunAsync();
        return 0;
    }
}
