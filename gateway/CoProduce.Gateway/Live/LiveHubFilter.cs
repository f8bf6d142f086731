using System.Diagnostics;
using CoProduce.Grains.Common;
using Orleans.Storage;
using CoProduce.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// Every hub call, traced from its own root span: the caller's rate limit (shared by all their connections) first, then the call; a refusal becomes a hub error for
/// that caller only ("Kind: why"), and the connection and everyone else's session go on. A refusal is an expected answer:
/// it is logged as information, with the method and the kind of refusal only (no reason, no stack trace); what is not a
/// refusal is logged as an error (SignalR's own logging of failed calls is silenced, see <see cref="RefusalLogging"/>).
/// </summary>
internal sealed partial class LiveHubFilter(LiveConnections connections, ILogger<LiveHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var limit = connections.Of(invocationContext.Context.ConnectionId).Limit;
        if (!limit.TryTake())
        {
            LogRefused(logger, invocationContext.HubMethodName, LiveErrors.RateLimited);
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
            var kind = e.Kind.ToString();
            LogRefused(logger, invocationContext.HubMethodName, kind);
            throw new HubException($"{e.Kind}: {e.Message}");
        }
        catch (HubException e)
        {
            var kind = e.Message.Split(':', 2)[0];
            LogRefused(logger, invocationContext.HubMethodName, kind);
            throw;
        }
        catch (Exception e) when (e is InconsistentStateException or TimeoutException)
        {
            var error = e.GetType().Name;
            LogBusy(logger, invocationContext.HubMethodName, error);
            throw new HubException($"{LiveErrors.Unavailable}: the session is busy; try again.");
        }
        catch (Exception e)
        {
            LogFailed(logger, invocationContext.HubMethodName, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Live hub call {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live hub call {Method} refused: {Kind}")]
    private static partial void LogRefused(ILogger logger, string method, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live hub call {Method} met a busy or stale grain ({Error}); the caller is asked to try again")]
    private static partial void LogBusy(ILogger logger, string method, string error);
}
