namespace CoProduce.Grains.Payments.Storage;

/// <summary>What a contributor's choice does to one fee.</summary>
public static class PaymentChoices
{
    public static (long DueMinor, FeePayee Payee, string? Charity) Apply(PaymentChoice? choice, long feeMinor)
    {
        if (feeMinor == 0 || choice is null)
        {
            return (0, FeePayee.None, null);
        }

        return choice.Choice switch
        {
            PaymentChoiceKind.Accept => (feeMinor, FeePayee.Person, null),
            PaymentChoiceKind.AcceptLess => (feeMinor * (choice.Percent ?? 100) / 100, FeePayee.Person, null),
            PaymentChoiceKind.Donate => (feeMinor, FeePayee.Charity, choice.Charity),
            PaymentChoiceKind.Vouchers => (feeMinor, FeePayee.Vouchers, null),
            _ => (0, FeePayee.None, null),
        };
    }
}
