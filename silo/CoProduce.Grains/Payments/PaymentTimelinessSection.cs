using System.Globalization;
using CoProduce.Grains.Reports;

namespace CoProduce.Grains.Payments;

/// <summary>
/// Whether contributors were paid when promised, for the power-balance report: of the claims that fell due (paid,
/// or past the payer's promised time while waiting on the payer), the shares paid on time, paid late and still
/// unpaid, and the days from claim to payment; each in the month the claim was made. Built from
/// <see cref="IProjectPaymentsGrain.TimelinessFigures"/>, so it shows counts only, never a person or an amount.
/// </summary>
public sealed class PaymentTimelinessSection(IGrainFactory grains) : IReportSection
{
    public string Key => "payments";

    public int Order => 60;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var figures = await grains.GetGrain<IProjectPaymentsGrain>(subject.ProjectId).TimelinessFigures();
        var onTime = new MeasureBuilder("payments.paid-on-time", "Claims paid by the promised time", MeasureKind.Share);
        var late = new MeasureBuilder("payments.paid-late", "Claims paid after the promised time", MeasureKind.Share);
        var overdue = new MeasureBuilder("payments.overdue", "Claims still unpaid after the promised time", MeasureKind.Share);
        var days = new MeasureBuilder("payments.days-to-payment", "Days from claim to payment", MeasureKind.Days);
        var rows = new ReportTableBuilder("claims made in", "claims", "paid on time", "paid late", "unpaid past the promised time", "mean days to payment");
        foreach (var month in figures.ByMonth)
        {
            var at = new DateTimeOffset(DateTime.ParseExact(month.Period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
            var paid = month.PaidOnTime + month.PaidLate;
            var fellDue = paid + month.UnpaidOverdue;

            // A claim not yet due is no observation: nobody can say yet whether it was paid on time.
            if (fellDue > 0)
            {
                onTime.Add(at, month.PaidOnTime, fellDue);
                late.Add(at, month.PaidLate, fellDue);
                overdue.Add(at, month.UnpaidOverdue, fellDue);
            }

            if (paid > 0)
            {
                days.Add(at, (decimal)month.DaysToPayment, paid);
            }

            rows.Add(subject, month.Period, Number(month.Claims), Number(month.PaidOnTime), Number(month.PaidLate), Number(month.UnpaidOverdue),
                paid > 0 ? Math.Round(month.DaysToPayment / paid, 2).ToString(CultureInfo.InvariantCulture) : "");
        }

        return new ReportSectionResult(Key, "Who was paid, and when", [onTime.Build(), late.Build(), overdue.Build(), days.Build()], rows.Build());
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
