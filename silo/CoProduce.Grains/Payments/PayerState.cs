namespace CoProduce.Grains.Payments;

public sealed record PayerState
{
    public PaymentPolicy? Policy { get; init; }

    public Guid? UpdatedBy { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public long Version { get; init; }
}

public sealed record PayeeState
{
    public List<PaymentChoice> Choices { get; init; } = [];

    public WeeklyLimit? Limit { get; init; }

    /// <summary>Supporters' changes waiting for the person to confirm them.</summary>
    public List<PendingPaymentChange> Pending { get; init; } = [];

    public long Version { get; init; }
}
