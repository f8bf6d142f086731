using Hangfire.Common;
using Hangfire.States;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Thrown by a payout run that is to be tried again after <see cref="RetryAfter"/>.</summary>
public sealed class PayoutRetryException(Guid runId, int attempt, TimeSpan retryAfter, Exception cause)
    : Exception($"Payout run {runId:D} attempt {attempt} failed; tried again in {retryAfter}: {cause.Message}", cause)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Hangfire's retry of a payout run on the run's own terms: a run that failed with <see cref="PayoutRetryException"/>
/// is scheduled again after the wait the run chose (doubling, capped; a run holding claims is never given up), and
/// stays visible in the dashboard with each failure in its history. Any other failure (a run given up) ends Failed,
/// where an operator can see and requeue it. Hangfire's own automatic retry is off for these jobs
/// (<c>AutomaticRetry(Attempts = 0)</c>), so there is one retry policy, this one.
/// </summary>
public sealed class PayoutRetryAttribute : JobFilterAttribute, IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState { Exception: var failure } && Find(failure) is { } retry)
        {
            context.CandidateState = new ScheduledState(retry.RetryAfter) { Reason = retry.Message };
        }
    }

    private static PayoutRetryException? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PayoutRetryException retry)
            {
                return retry;
            }
        }

        return null;
    }
}
