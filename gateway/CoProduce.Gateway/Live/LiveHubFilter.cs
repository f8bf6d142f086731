using System.Diagnostics;
using CoProduce.Grains.Common;
using Orleans.Storage;
using CoProduce.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// Every hub call, traced from its own root span: the caller's rate limit (shared by all their connections) first, then the call; a refusal becomes a hub error for
/// that caller only ("Kind: why"), and the connection and everyone else's session go on.
/// </summary>
internal sealed partial class LiveHubFilter(LiveConnections connections, ILogger<LiveHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var limit = connections.Of(invocationContext.Context.ConnectionId).Limit;
        if (!limit.TryTake())
        {
            throw new HubException($"{LiveErrors.RateLimited}: too many calls from you; wait a moment and try again.");
        }

        // Each call is traced on its own, from a root span that names only the hub and the method: not as part of
        // the connection's trace (SignalR parents or links its spans to the request that opened the connection,
        // whose sign-in and join checks name the caller), so an anonymous ballot's spans link to no one.
        Activity.Current = null;
        using var span = CoProduceTelemetry.Source.StartActivity($"hub project/{invocationContext.HubMethodName}", ActivityKind.Server, parentContext: default);
        span?.SetTag(CoProduceTelemetry.HubTag, "project");
        span?.SetTag("rpc.method", invocationContext.HubMethodName);
        try
        {
            return await next(invocationContext);
        }
        catch (DomainException e)
        {
            throw new HubException($"{e.Kind}: {e.Message}");
        }
        catch (Exception e) when (e is InconsistentStateException or TimeoutException)
        {
            LogBusy(logger, invocationContext.HubMethodName, e);
            throw new HubException($"{LiveErrors.Unavailable}: the session is busy; try again.");
        }
        catch (Exception e) when (e is not HubException)
        {
            LogFailed(logger, invocationContext.HubMethodName, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Live hub call {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live hub call {Method} met a busy or stale grain")]
    private static partial void LogBusy(ILogger logger, string method, Exception exception);
}
