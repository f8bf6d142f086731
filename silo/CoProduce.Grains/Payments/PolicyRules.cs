using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments;

/// <summary>What makes a rate card and expenses policy valid, and how a claim's rate is found in it.</summary>
internal static class PolicyRules
{
    public const int MaxRates = 200;

    public static PaymentPolicy Check(PaymentPolicy? policy)
    {
        if (policy is null)
        {
            throw DomainException.Invalid("policy", "A policy is required.");
        }

        var currency = Money.Currency(policy.Currency);
        var rates = policy.Rates ?? [];
        if (rates.Count > MaxRates)
        {
            throw DomainException.Invalid("rates", $"rates may have at most {MaxRates} entries.");
        }

        var checkedRates = rates.Select((rate, i) => new Rate(
            Text.Required(rate?.Role, $"rates[{i}].role"),
            Text.Required(rate?.Activity, $"rates[{i}].activity"),
            Enum.IsDefined(rate!.Unit) ? rate.Unit : throw DomainException.Invalid($"rates[{i}].unit", "unit must be Hour, Session or Day."),
            Money.Positive(rate.Amount, $"rates[{i}].amount"),
            rate.EffectiveFrom)).ToList();
        if (checkedRates.GroupBy(r => (r.Role.ToUpperInvariant(), r.Activity.ToUpperInvariant(), r.EffectiveFrom)).Any(g => g.Count() > 1))
        {
            throw DomainException.Invalid("rates", "Each role and activity may have one rate per effective-from date.");
        }

        var expenses = (policy.Expenses ?? []).Select((rule, i) => new ExpenseRule(
            Enum.IsDefined(rule!.Category) ? rule.Category : throw DomainException.Invalid($"expenses[{i}].category", "category must be Travel, SupportWorker, Childcare or Meals."),
            Money.Positive(rule.CapPerClaim, $"expenses[{i}].capPerClaim"),
            rule.ReceiptRequired)).ToList();
        if (expenses.GroupBy(e => e.Category).Any(g => g.Count() > 1))
        {
            throw DomainException.Invalid("expenses", "Each kind of expense may appear once.");
        }

        if (policy.PromisedPaymentDays is < 1 or > 365)
        {
            throw DomainException.Invalid("promisedPaymentDays", "promisedPaymentDays must be between 1 and 365.");
        }

        if (!PaymentPolicy.AttendanceSteps.Contains(policy.AttendanceMinutes))
        {
            throw DomainException.Invalid("attendanceMinutes", "attendanceMinutes must be 3, 6, 12, 15, 30 or 60, so that hours stay exact to two decimal places.");
        }

        return new PaymentPolicy(currency, checkedRates, expenses, policy.PromisedPaymentDays, policy.AttendanceMinutes);
    }

    /// <summary>The rate in force on the date: the one for the role and activity with the latest effective-from on or before it.</summary>
    public static Rate? RateFor(PaymentPolicy policy, string role, string activity, DateOnly date) =>
        policy.Rates
            .Where(r => string.Equals(r.Role, role, StringComparison.OrdinalIgnoreCase)
                && string.Equals(r.Activity, activity, StringComparison.OrdinalIgnoreCase)
                && r.EffectiveFrom <= date)
            .MaxBy(r => r.EffectiveFrom);
}
