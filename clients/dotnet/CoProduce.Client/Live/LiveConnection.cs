using System.Text.Json;
using CoProduce.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Client.Live;

/// <summary>
/// Hub connections as the gateway expects them: SignalR's own WebSocket transport with no negotiate request,
/// the bearer token asked of the token provider on every connect and reconnect, and the project named in
/// <c>?projectId=</c> and <c>X-CoProduce-Project</c>, so an ingress that hashes on the project keeps the
/// session on one node.
/// </summary>
public static class LiveConnection
{
    /// <summary>
    /// A connection to <paramref name="gateway"/>'s hub, not started. With <paramref name="retry"/> it reconnects
    /// by itself after a dropped connection; without, it closes.
    /// </summary>
    public static HubConnection Build(
        Uri gateway,
        Func<CancellationToken, ValueTask<string>> accessToken,
        Guid? projectId = null,
        IRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(accessToken);
        var hub = new Uri(gateway, HubPaths.Project);
        if (projectId is { } id)
        {
            hub = new UriBuilder(hub) { Query = $"{HubPaths.ProjectQuery}={id:D}" }.Uri;
        }

        var builder = new HubConnectionBuilder()
            .WithUrl(hub, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.AccessTokenProvider = async () => await accessToken(CancellationToken.None);
                if (projectId is { } id)
                {
                    options.Headers[HubPaths.ProjectHeader] = id.ToString("D");
                }
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions = PayloadJson());
        if (retry is not null)
        {
            builder.WithAutomaticReconnect(retry);
        }

        return builder.Build();
    }

    /// <summary>How the hub writes payloads: camelCase, events by their <c>type</c> wherever it stands.</summary>
    internal static JsonSerializerOptions PayloadJson() =>
        new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };
}
