namespace CoProduce.Grains.Payments.Payouts;

/// <summary>The steps of a payout run at which a fault can strike (tests inject one at each).</summary>
public enum PayoutStep
{
    /// <summary>Inside a chunk's transaction, after its rows are written and before it commits.</summary>
    ChunkInTransaction,

    /// <summary>After every ledger row of the run is in, before the provider is called.</summary>
    LedgerWritten,

    /// <summary>The bank file is written under its temporary name and not yet renamed into place.</summary>
    FileWritten,

    /// <summary>The provider is being asked to take the instruction.</summary>
    Provider,
}

/// <summary>
/// A seam for fault tests: called at each <see cref="PayoutStep"/>; it may throw (a failure there) or never return
/// (a process killed there). The default does nothing unless <see cref="PaymentsOptions.HaltAt"/> asks it to halt.
/// </summary>
public interface IPayoutFaults
{
    ValueTask AtAsync(PayoutStep step, Guid runId, CancellationToken cancellationToken);
}

/// <summary>The production seam: halts at the configured step (for SIGKILL tests of real processes), otherwise nothing.</summary>
public sealed class ConfiguredPayoutFaults(PaymentsOptions options) : IPayoutFaults
{
    private int _chunks;

    public async ValueTask AtAsync(PayoutStep step, Guid runId, CancellationToken cancellationToken)
    {
        if (options.HaltAt != step)
        {
            return;
        }

        // Inside a chunk's transaction: halts in the chunk after the first HaltAfterChunks chunks have committed.
        if (step == PayoutStep.ChunkInTransaction && Interlocked.Increment(ref _chunks) <= (options.HaltAfterChunks ?? 0))
        {
            return;
        }

        // Fault injection (tests): the run stays at this step until its process is killed.
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
