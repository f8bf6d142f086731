using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments;

/// <summary>Prices a claim from the payer's policy and refuses what the policy does not allow.</summary>
internal static class ClaimRules
{
    public const int MaxExpenses = 50;
    public const decimal MaxQuantity = 1000m;

    /// <summary>The Monday of the week the date falls in: weeks for limits run Monday to Sunday.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public sealed record Priced(
        string? Role, string? Activity, RateUnit? Unit, decimal? Quantity, long? RateMinor, long FeeMinor,
        IReadOnlyList<ExpenseLine> Expenses, long ExpensesMinor, string? Note);

    public static Priced Price(ClaimSpec spec, PaymentPolicy policy, DateOnly today)
    {
        var currency = Money.Currency(spec.Currency);
        if (currency != policy.Currency)
        {
            throw DomainException.Invalid("currency", $"This payer pays in {policy.Currency}, not {currency}.");
        }

        var hasTime = spec.Role is not null || spec.Activity is not null || spec.Quantity is not null;
        string? role = null, activity = null;
        RateUnit? unit = null;
        long? rateMinor = null;
        long fee = 0;
        if (hasTime)
        {
            role = Text.Required(spec.Role, "role");
            activity = Text.Required(spec.Activity, "activity");
            var quantity = spec.Quantity ?? throw DomainException.Invalid("quantity", "quantity (hours, sessions or days) is required with a role and activity.");
            if (quantity <= 0 || quantity > MaxQuantity || decimal.Round(quantity, 2) != quantity)
            {
                throw DomainException.Invalid("quantity", $"quantity must be more than zero, at most {MaxQuantity:N0}, with at most two decimal places.");
            }

            if (spec.InAdvance || spec.ActivityDate > today)
            {
                throw DomainException.Invalid("activityDate", "Time is claimed on or after the day of the activity; only expenses can be asked for in advance.");
            }

            var rate = PolicyRules.RateFor(policy, role, activity, spec.ActivityDate)
                ?? throw DomainException.Invalid("role", $"The rate card has no rate for '{role}' doing '{activity}' on {spec.ActivityDate:yyyy-MM-dd}.");
            unit = rate.Unit;
            rateMinor = Money.ToMinor(rate.Amount);
            fee = Money.ToMinor(rate.Amount * quantity);
            spec = spec with { Quantity = quantity };
        }

        var lines = spec.Expenses ?? [];
        if (lines.Count > MaxExpenses)
        {
            throw DomainException.Invalid("expenses", $"A claim may have at most {MaxExpenses} expenses.");
        }

        var expenses = new List<ExpenseLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i] ?? throw DomainException.Invalid($"expenses[{i}]", "An expense is required.");
            var rule = policy.Expenses.FirstOrDefault(r => r.Category == line.Category)
                ?? throw DomainException.Invalid($"expenses[{i}].category", $"The expenses policy does not cover {line.Category}.");
            var amount = Money.Positive(line.Amount, $"expenses[{i}].amount");
            Receipt? receipt = null;
            if (line.Receipt is { } given)
            {
                receipt = new Receipt(Text.Required(given.Reference, $"expenses[{i}].receipt.reference"), Text.Optional(given.IssuedBy, $"expenses[{i}].receipt.issuedBy", Text.NameLength), given.Date);
            }
            else if (rule.ReceiptRequired && !spec.InAdvance)
            {
                throw DomainException.Invalid($"expenses[{i}].receipt", $"The policy asks for a receipt for {line.Category}.");
            }

            expenses.Add(new ExpenseLine(rule.Category, amount, Text.Required(line.Description, $"expenses[{i}].description"), receipt));
        }

        foreach (var group in expenses.GroupBy(e => e.Category))
        {
            var cap = policy.Expenses.First(r => r.Category == group.Key).CapPerClaim;
            var total = group.Sum(e => e.Amount);
            if (total > cap)
            {
                throw DomainException.Invalid("expenses", $"{group.Key} comes to {total:0.00} {currency}, over the policy cap of {cap:0.00} {currency} per claim.");
            }
        }

        if (spec.InAdvance && expenses.Count == 0)
        {
            throw DomainException.Invalid("inAdvance", "Only expenses are paid in advance; list them.");
        }

        var expensesMinor = expenses.Sum(e => Money.ToMinor(e.Amount));
        if (fee == 0 && expensesMinor == 0)
        {
            throw DomainException.Invalid("quantity", "A claim needs time (role, activity and quantity) or at least one expense.");
        }

        if (!spec.InAdvance && spec.ActivityDate > today)
        {
            throw DomainException.Invalid("activityDate", "The activity is in the future: ask for expenses in advance (inAdvance) or claim after it.");
        }

        return new Priced(role, activity, unit, spec.Quantity, rateMinor, fee, expenses, expensesMinor, Text.Optional(spec.Note, "note"));
    }
}
