using CoProduce.Live;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Live;

/// <summary>The live hub: SignalR with its limits and filter, this node's feeds, and the route.</summary>
public static class LiveSetup
{
    public static WebApplicationBuilder AddGatewayLive(this WebApplicationBuilder builder)
    {
        // A bad value stops start-up naming the setting.
        builder.Services.AddOptions<LiveOptions>()
            .BindConfiguration(LiveOptions.Section)
            .Validate(o => o.MaximumMessageBytes > 0, LiveOptions.Broken(nameof(LiveOptions.MaximumMessageBytes), "at least 1"))
            .Validate(o => o.CallsPerSecond > 0, LiveOptions.Broken(nameof(LiveOptions.CallsPerSecond), "more than zero"))
            .Validate(o => o.CallBurst > 0, LiveOptions.Broken(nameof(LiveOptions.CallBurst), "at least 1"))
            .Validate(o => o.ConnectionsPerPerson > 0, LiveOptions.Broken(nameof(LiveOptions.ConnectionsPerPerson), "at least 1"))
            .Validate(o => o.SendTimeout > TimeSpan.Zero, LiveOptions.Broken(nameof(LiveOptions.SendTimeout), "longer than zero"))
            .Validate(o => o.SendQueueLimit > 0, LiveOptions.Broken(nameof(LiveOptions.SendQueueLimit), "at least 1"))
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, LiveOptions.Broken(nameof(LiveOptions.HeartbeatInterval), "longer than zero"))
            .Validate(o => o.PresenceLease > TimeSpan.Zero, LiveOptions.Broken(nameof(LiveOptions.PresenceLease), "longer than zero"))
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<LiveOptions>>().Value);
        builder.WebHost.UseSockets();
        builder.Services.AddOptions<SocketTransportOptions>()
            .Configure<IOptions<LiveOptions>>((sockets, live) => sockets.UnsafePreferInlineScheduling = live.Value.InlineSends);
        builder.Services.AddSingleton<LiveHubFilter>();
        builder.Services.AddSingleton<LiveConnectionCap>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveConnectionCap>());
        builder.Services.AddSingleton<LiveConnections>();
        builder.Services.AddSingleton<HubLifetimeManager<ProjectHub>, LiveLifetimeManager>();
        builder.Services.AddSingleton<LiveFeeds>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeeds>());
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>, RefusalLogging>();
        builder.Services.AddSignalR(hub =>
        {
            hub.EnableDetailedErrors = false;
            hub.AddFilter<LiveHubFilter>();
        });
        builder.Services.AddOptions<HubOptions>()
            .Configure<IOptions<LiveOptions>>((hub, live) => hub.MaximumReceiveMessageSize = live.Value.MaximumMessageBytes);
        return builder;
    }

    public static WebApplication MapLive(this WebApplication app)
    {
        app.MapHub<ProjectHub>(HubPaths.Project);
        return app;
    }
}
