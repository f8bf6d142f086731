namespace CoProduce.Grains.Recognition;

public sealed record RecognitionState
{
    /// <summary>Consents by project id; a withdrawn consent is removed, not flagged.</summary>
    public Dictionary<Guid, RecognitionConsent> Consents { get; init; } = [];

    /// <summary>Supporters' changes waiting for the person, oldest first.</summary>
    public List<PendingRecognitionChange> Pending { get; init; } = [];

    public long Version { get; init; }
}

public sealed record ProjectRecognitionState
{
    /// <summary>Sessions recorded, oldest first.</summary>
    public List<SessionRecord> Sessions { get; init; } = [];
}
