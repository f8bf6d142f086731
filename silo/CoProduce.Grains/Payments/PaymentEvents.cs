namespace CoProduce.Grains.Payments;

public sealed record PaymentPolicySet(string Payer, PaymentPolicy Policy, Guid By, Guid? SupportedBy);

public sealed record PaymentChoiceMade(Guid PersonId, string Payer, PaymentChoiceKind Choice, int? Percent, string? Charity, Guid? SupportedBy);

public sealed record WeeklyLimitSet(Guid PersonId, WeeklyLimit? Limit, Guid? SupportedBy);

/// <summary>A supporter proposed a change to the person's payment choice or limit; it waits for the person.</summary>
public sealed record PaymentChangeProposed(Guid PersonId, Guid ChangeId, PaymentChangeKind Kind, Guid ProposedBy);

/// <summary>A supporter's proposed change was rejected (by the person) or withdrawn (by the supporter); nothing changed.</summary>
public sealed record PaymentChangeRejected(Guid PersonId, Guid ChangeId, Guid ProposedBy, Guid By);
