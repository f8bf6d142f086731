using CoProduce.Grains.Common;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// Every hub call: the caller's rate limit (shared by all their connections) first, then the call; a refusal becomes a hub error for
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

        try
        {
            return await next(invocationContext);
        }
        catch (DomainException e)
        {
            throw new HubException($"{e.Kind}: {e.Message}");
        }
        catch (Exception e) when (e is InconsistentStateException or GrainCallTimeoutException or TimeoutException)
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
