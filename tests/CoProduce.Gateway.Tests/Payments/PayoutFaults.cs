using CoProduce.Grains.Payments.Payouts;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// A fault at one step of one payout run (the first run to reach the step): every call there throws, as a full disk
/// or a failing provider would, until the test releases it. <see cref="SkipFirst"/> calls pass before the first fault
/// (say, the first chunk commits and the second fails inside its transaction).
/// </summary>
internal sealed class PayoutFaultSwitch(PayoutStep step, int skipFirst = 0) : IPayoutFaults
{
    private readonly TaskCompletionSource _struck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Guid? _target;
    private int _calls;
    private volatile bool _released;

    public int SkipFirst => skipFirst;

    /// <summary>Completes when the fault has struck once.</summary>
    public Task Struck => _struck.Task;

    public void Release() => _released = true;

    public ValueTask AtAsync(PayoutStep at, Guid runId, CancellationToken cancellationToken)
    {
        if (at != step || _released)
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            _target ??= runId;
            if (_target != runId || ++_calls <= skipFirst)
            {
                return ValueTask.CompletedTask;
            }
        }

        _struck.TrySetResult();
        throw new IOException($"Injected fault at {at}: no space left on device");
    }
}
