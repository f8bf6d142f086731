using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments.Storage;

/// <summary>Amounts travel as decimals with at most two places and are stored as whole minor units (pence).</summary>
public static class Money
{
    /// <summary>The largest single amount accepted: far above any real fee, far below overflow.</summary>
    public const decimal Maximum = 1_000_000m;

    public static long ToMinor(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.ToZero);

    public static decimal FromMinor(long minor) => minor / 100m;

    /// <summary>A positive amount with at most two decimal places, within <see cref="Maximum"/>.</summary>
    public static decimal Positive(decimal amount, string field)
    {
        if (amount <= 0)
        {
            throw DomainException.Invalid(field, $"{field} must be more than zero.");
        }

        if (amount > Maximum)
        {
            throw DomainException.Invalid(field, $"{field} may be at most {Maximum:N0}.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw DomainException.Invalid(field, $"{field} may have at most two decimal places.");
        }

        return amount;
    }

    /// <summary>A three-letter upper-case ISO 4217 code such as GBP.</summary>
    public static string Currency(string? code, string field = "currency")
    {
        var value = code?.Trim();
        if (value is not { Length: 3 } || !value.All(c => c is >= 'A' and <= 'Z'))
        {
            throw DomainException.Invalid(field, $"{field} must be a three-letter currency code in capitals, such as GBP.");
        }

        return value;
    }
}
