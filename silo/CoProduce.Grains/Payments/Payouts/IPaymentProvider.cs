using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// Where a payout run's money is sent: a bank file, a payments API. Called once a run's ledger rows are all
/// written, with every payout row of the run; calling it again for the same run must replace, not repeat, the
/// instruction (a run resumed after a crash submits again).
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>Submits the run's payouts; returns a reference to what was submitted (a file name, a batch id).</summary>
    Task<string> SubmitAsync(PayoutRunView run, IReadOnlyList<PayoutInstruction> instructions, CancellationToken cancellationToken);
}
