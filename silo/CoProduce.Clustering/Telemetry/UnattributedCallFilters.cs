using CoProduce.Telemetry;

namespace CoProduce.Clustering.Telemetry;

/// <summary>
/// Carries an <see cref="Unattributed"/> scope across grain calls: the caller's side marks the call in Orleans'
/// request context, and the side that runs the call, on whichever silo, re-opens the scope around it, so what the
/// callee logs, traces and calls is unattributed too (and marks its own calls in turn).
/// </summary>
internal static class UnattributedCallFilters
{
    /// <summary>The request-context key that says the call is unattributed.</summary>
    public const string RequestContextKey = "coproduce.unattributed";

    public sealed class Outgoing : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (Unattributed.IsActive)
            {
                // Set in this filter's own flow: the caller's request context is left as it was.
                RequestContext.Set(RequestContextKey, true);
            }

            return context.Invoke();
        }
    }

    public sealed class Incoming : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            using var scope = Unattributed.When(RequestContext.Get(RequestContextKey) is true);
            await context.Invoke();
        }
    }
}
