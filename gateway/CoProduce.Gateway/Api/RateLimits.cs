using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CoProduce.Live;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Api;

/// <summary>Request limits, section CoProduce:RateLimits. A window is one minute; a limit of 0 turns that limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "CoProduce:RateLimits";

    /// <summary>Requests one signed-in person may make per minute, across every endpoint and all their devices.</summary>
    public int PerPersonPerMinute { get; set; } = 3000;

    /// <summary>Requests per minute from one client address without a valid token (they all answer 401 but cost work).</summary>
    public int PerAddressPerMinute { get; set; } = 600;

    /// <summary>Invitation redeems per minute from one client address, signed in or not: codes cannot be guessed at speed.</summary>
    public int RedeemsPerAddressPerMinute { get; set; } = 20;

    /// <summary>The message naming a setting of this section that breaks <paramref name="rule"/>.</summary>
    internal static string Broken(string setting, string rule) => $"Setting '{Section}:{setting}' must be {rule}.";
}

/// <summary>
/// ASP.NET Core's rate limiter: per person on everything under /api and the hub, per client address for
/// anonymous callers and, more tightly, for redeeming invitations. A refused request is 429 problem details
/// with Retry-After, and nothing is done. Behind a proxy the client address is the proxy's unless forwarded
/// headers are configured, so the per-address limits then apply to everyone behind it (see docs/operations.md).
/// </summary>
public static class RateLimits
{
    /// <summary>The policy on the invitation redeem endpoint.</summary>
    public const string RedeemPolicy = "invitation-redeem";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddGatewayRateLimits(this WebApplicationBuilder builder)
    {
        // A bad value stops start-up naming the setting.
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PerPersonPerMinute >= 0, RateLimitOptions.Broken(nameof(RateLimitOptions.PerPersonPerMinute), "0 (no limit) or more"))
            .Validate(o => o.PerAddressPerMinute >= 0, RateLimitOptions.Broken(nameof(RateLimitOptions.PerAddressPerMinute), "0 (no limit) or more"))
            .Validate(o => o.RedeemsPerAddressPerMinute >= 0, RateLimitOptions.Broken(nameof(RateLimitOptions.RedeemsPerAddressPerMinute), "0 (no limit) or more"))
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return new GlobalLimiter(PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context)
                ? Caller(context, options)
                : RateLimitPartition.GetNoLimiter("unlimited")));
        });
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, GlobalLimiter>((limiter, configured, global) =>
        {
            var options = configured.Value;
            limiter.GlobalLimiter = global.Limiter;
            limiter.AddPolicy(RedeemPolicy, context => PerMinute($"redeem:{Address(context)}", options.RedeemsPerAddressPerMinute));
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>
    /// The limiter every request passes, owned by the container so that it is disposed with the host: a partitioned
    /// limiter runs a timer, and a timer never disposed keeps its host (and everything the host holds) alive.
    /// </summary>
    private sealed class GlobalLimiter(PartitionedRateLimiter<HttpContext> limiter) : IDisposable
    {
        public PartitionedRateLimiter<HttpContext> Limiter { get; } = limiter;

        public void Dispose() => Limiter.Dispose();
    }

    /// <summary>The API and the live hub; health probes and the service description are never limited.</summary>
    private static bool Limited(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(HubPaths.Project);

    private static RateLimitPartition<string> Caller(HttpContext context, RateLimitOptions options) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } person
            ? PerMinute($"person:{person}", options.PerPersonPerMinute)
            : PerMinute($"address:{Address(context)}", options.PerAddressPerMinute);

    private static RateLimitPartition<string> PerMinute(string key, int limit) => limit <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Nothing was done. Wait {seconds} seconds (Retry-After) and send it again.",
            },
        });
    }
}
