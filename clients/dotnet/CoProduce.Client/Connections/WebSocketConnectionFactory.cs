using System.Net;
using System.Net.WebSockets;
using CoProduce.Live;
using Microsoft.AspNetCore.Connections;

namespace CoProduce.Client.Connections;

/// <summary>
/// Opens hub connections straight over WebSockets (no negotiate request), with the bearer token in the
/// <c>access_token</c> query parameter and the project in <c>?projectId=</c> and <c>X-CoProduce-Project</c>,
/// so an ingress that hashes on the project keeps the session on one node.
/// </summary>
public sealed class WebSocketConnectionFactory(Func<CancellationToken, ValueTask<string>> accessToken, Guid? projectId = null) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var uri = endpoint is UriEndPoint u ? u.Uri : throw new NotSupportedException("Connect with a UriEndPoint.");
        var socket = new ClientWebSocket();
        try
        {
            var query = $"{HubPaths.AccessTokenQuery}={Uri.EscapeDataString(await accessToken(cancellationToken))}";
            if (projectId is { } id)
            {
                query += $"&{HubPaths.ProjectQuery}={id:D}";
                socket.Options.SetRequestHeader(HubPaths.ProjectHeader, id.ToString("D"));
            }

            var builder = new UriBuilder(uri)
            {
                Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : uri.Scheme == Uri.UriSchemeHttp ? "ws" : uri.Scheme,
                Query = string.IsNullOrEmpty(uri.Query) ? query : $"{uri.Query.TrimStart('?')}&{query}",
            };
            await socket.ConnectAsync(builder.Uri, cancellationToken);
            return new WebSocketConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
