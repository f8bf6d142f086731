namespace CoProduce.Grains.Recognition;

public sealed record RecognitionState
{
    /// <summary>Consents by project id; a withdrawn consent is removed, not flagged.</summary>
    public Dictionary<Guid, RecognitionConsent> Consents { get; init; } = [];

    public long Version { get; init; }
}

public sealed record ProjectRecognitionState
{
    /// <summary>Sessions recorded, oldest first.</summary>
    public List<SessionRecord> Sessions { get; init; } = [];
}
