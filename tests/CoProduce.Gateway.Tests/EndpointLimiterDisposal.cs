using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests;

/// <summary>
/// Disposes, with the test host, the limiter that ASP.NET Core's rate limiting middleware makes for endpoint policies and
/// never disposes itself (dotnet/aspnetcore#66434, open). That limiter runs a timer every 100 ms, and the timer holds the
/// middleware, the whole request pipeline and so the host's services: every stopped test host stayed in memory (about
/// 4 MB, with its timer still firing), and the gateway tests ran five times slower at the end of a run than at its start.
/// The limiter is found in the pipeline the host builds (a private field) and disposed when the container is.
/// </summary>
internal sealed class EndpointLimiterDisposal : IStartupFilter, IDisposable
{
    private const string MiddlewareType = "Microsoft.AspNetCore.RateLimiting.RateLimitingMiddleware";
    private const string LimiterField = "_endpointLimiter";

    private PartitionedRateLimiter<HttpContext>? _limiter;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(pipeline =>
        {
            _limiter = Find(pipeline) ?? throw new InvalidOperationException(
                $"{MiddlewareType}.{LimiterField} was not found in the test host's pipeline; if ASP.NET Core now disposes it, delete {nameof(EndpointLimiterDisposal)}.");
            return pipeline;
        });
        next(app);
    };

    public void Dispose() => _limiter?.Dispose();

    /// <summary>Registers the disposal in a test host's services.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<EndpointLimiterDisposal>();
        services.AddSingleton<IStartupFilter>(provider => provider.GetRequiredService<EndpointLimiterDisposal>());
    }

    /// <summary>Follows the pipeline from middleware to middleware (delegates, middleware objects, closures) to the rate limiter's.</summary>
    private static PartitionedRateLimiter<HttpContext>? Find(RequestDelegate pipeline)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(pipeline);
        while (pending.TryPop(out var item))
        {
            if (!seen.Add(item))
            {
                continue;
            }

            if (item is Delegate step)
            {
                if (step.Target is { } target)
                {
                    pending.Push(target);
                }

                continue;
            }

            var type = item.GetType();
            if (type.FullName == MiddlewareType)
            {
                return type.GetField(LimiterField, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(item) as PartitionedRateLimiter<HttpContext>;
            }

            for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
            {
                foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsValueType && field.GetValue(item) is { } value && IsPipeline(value))
                    {
                        pending.Push(value);
                    }
                }
            }
        }

        return null;
    }

    private static bool IsPipeline(object value) =>
        value is Delegate
        || value.GetType().Name.Contains("Middleware", StringComparison.Ordinal)
        || value.GetType().Name.Contains("DisplayClass", StringComparison.Ordinal);
}
