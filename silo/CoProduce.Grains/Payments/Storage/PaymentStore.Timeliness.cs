using System.Globalization;

namespace CoProduce.Grains.Payments.Storage;

public sealed partial class PaymentStore
{
    /// <summary>
    /// Payment timeliness of one project: claims paid on time or late against each payer's promise, claims still
    /// unpaid past it, and days from claim to payment, overall and by the month each claim was made. A claim waiting
    /// on its contributor (a choice to make, a limit to decide, a draft to confirm) or with nothing to pay is never
    /// overdue: only the payer can be late. Drafts and declined drafts were never claims, so they are not counted.
    /// </summary>
    public async Task<PaymentTimeliness> TimelinessAsync(Guid projectId, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT c.status, c.submitted_ms, c.due_by_ms, c.fee_due_minor, c.fee_payee, c.expenses_minor, {PaidAtSql}
            FROM cp_pay_claims c WHERE c.project_id = @project AND c.status NOT IN ('Draft', 'Declined')
            """);
        command.AddParameter("@project", Key(projectId));
        var months = new SortedDictionary<string, MonthTally>(StringComparer.Ordinal);
        var days = new List<double>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long Long(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            var status = reader.GetString(0);
            var submitted = Long(1);
            var dueBy = Long(2);
            var month = DateTimeOffset.FromUnixTimeMilliseconds(submitted).UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var tally = months.TryGetValue(month, out var t) ? t : months[month] = new MonthTally();
            tally.Claims++;
            if (!reader.IsDBNull(6))
            {
                var paidAt = Long(6);
                if (paidAt <= dueBy)
                {
                    tally.OnTime++;
                }
                else
                {
                    tally.Late++;
                }

                var took = TimeSpan.FromMilliseconds(paidAt - submitted).TotalDays;
                tally.Days += took;
                days.Add(took);
                continue;
            }

            var somethingToPay = (Long(3) > 0 && reader.GetString(4) != nameof(FeePayee.None)) || Long(5) > 0;
            if (status is "Submitted" or "Approved" && somethingToPay && nowMs > dueBy)
            {
                tally.Overdue++;
            }
        }

        return new PaymentTimeliness(
            projectId,
            months.Values.Sum(m => m.Claims),
            days.Count,
            months.Values.Sum(m => m.OnTime),
            months.Values.Sum(m => m.Late),
            months.Values.Sum(m => m.Overdue),
            days.Count > 0 ? Math.Round(days.Average(), 2) : null,
            days.Count > 0 ? Math.Round(days.Max(), 2) : null,
            [.. months.Select(m => new PaymentTimelinessMonth(m.Key, m.Value.Claims, m.Value.OnTime, m.Value.Late, m.Value.Overdue, Math.Round(m.Value.Days, 4)))]);
    }

    private sealed class MonthTally
    {
        public int Claims { get; set; }

        public int OnTime { get; set; }

        public int Late { get; set; }

        public int Overdue { get; set; }

        public double Days { get; set; }
    }
}
