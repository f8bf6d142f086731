using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments;

internal static class ClaimViews
{
    public static ClaimView From(ClaimRow r, DateTimeOffset now)
    {
        var paid = r.PaidMs is not null;
        var status = paid ? ClaimStatus.Paid : r.Status;
        var late = paid
            ? r.PaidMs > r.DueByMs
            : status is ClaimStatus.Submitted or ClaimStatus.Approved && now.ToUnixTimeMilliseconds() > r.DueByMs;
        return new ClaimView(
            r.Id, r.ProjectId, r.PersonId, r.Payer, r.Currency, r.ActivityDate, r.PayWeek, r.Role, r.Activity, r.Unit, r.Quantity,
            r.RateMinor is { } rate ? Money.FromMinor(rate) : null,
            Money.FromMinor(r.FeeMinor), Money.FromMinor(r.FeeDueMinor), r.FeePayee, r.Charity, r.Choice, r.Expenses,
            Money.FromMinor(r.ExpensesMinor), r.InAdvance, r.Note, status, r.EnteredBy, r.SupportedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(r.SubmittedMs), DateTimeOffset.FromUnixTimeMilliseconds(r.DueByMs), late,
            r.DecidedBy, r.DecidedMs is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null, r.RejectionReason, r.Warning,
            r.LimitConfirmed, r.PaidMs is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null, r.PaidRun);
    }

    /// <summary>
    /// The claim as staff without a finance or approving role for it see it (the project's facilitators, the payer's
    /// other staff): what was claimed and where it stands, without the benefits warning, the charity the fee goes to
    /// or the receipts, which only the contributor and those who decide the claim need.
    /// </summary>
    public static ClaimView ForStaff(ClaimView view) => view with
    {
        Charity = null,
        LimitWarning = null,
        Expenses = [.. view.Expenses.Select(e => e with { Receipt = null })],
    };
}
