using CoProduce.Live;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>The live hub: SignalR with its limits and filter, this node's feeds, and the route.</summary>
public static class LiveSetup
{
    public static WebApplicationBuilder AddGatewayLive(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        builder.Services.AddSingleton(options);
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineSends);
        builder.Services.AddSingleton<LiveHubFilter>();
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<HubLifetimeManager<ProjectHub>, LiveLifetimeManager>();
        builder.Services.AddSingleton<LiveFeeds>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeeds>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>, RefusalLogging>();
        builder.Services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = options.MaximumMessageBytes;
            hub.EnableDetailedErrors = false;
            hub.AddFilter<LiveHubFilter>();
        });
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<ProjectHub>(HubPaths.Project);
        return app;
    }
}
