namespace CoProduce.Grains.Decisions.Counting;

/// <summary>What one method's count gives: options in result order, the winner or tied winners, and any runoff rounds.</summary>
internal sealed record Count(
    IReadOnlyList<OptionResult> Options,
    IReadOnlyList<Guid> Winners,
    IReadOnlyList<RunoffRound> Rounds,
    ConsentTally? Consent = null)
{
    public static Count Of(IReadOnlyList<OptionResult> options, IReadOnlyList<Guid> winners) => new(options, winners, []);
}
