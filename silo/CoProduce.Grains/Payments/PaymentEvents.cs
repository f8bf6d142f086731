namespace CoProduce.Grains.Payments;

public sealed record PaymentPolicySet(string Payer, PaymentPolicy Policy, Guid By, Guid? SupportedBy);

public sealed record PaymentChoiceMade(Guid PersonId, string Payer, PaymentChoiceKind Choice, int? Percent, string? Charity, Guid? SupportedBy);

public sealed record WeeklyLimitSet(Guid PersonId, WeeklyLimit? Limit, Guid? SupportedBy);
