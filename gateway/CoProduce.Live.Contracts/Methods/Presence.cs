namespace CoProduce.Live;

/// <summary>
/// Asks for a page of who is present, in order of person id: the people after <see cref="After"/> (from the
/// first when null), at most <see cref="Limit"/> of them (1 to <see cref="PresencePage.MaxLimit"/>;
/// <see cref="PresencePage.DefaultLimit"/> when left out).
/// </summary>
public sealed record PresenceRequest(Guid ProjectId, Guid? After = null, int? Limit = null);

/// <summary>
/// People present at <see cref="Sequence"/>, in order of person id, and how many are present in all.
/// <see cref="Next"/> is the <c>After</c> of the next page; null on the last one. Events after
/// <see cref="Sequence"/> (<c>personJoined</c>, <c>personLeft</c>) bring a list built from pages up to date.
/// </summary>
public sealed record PresencePage(long Sequence, IReadOnlyList<PresentPerson> People, int Total, Guid? Next)
{
    /// <summary>How many people a join's snapshot lists; the rest are read in pages.</summary>
    public const int FirstPage = 50;

    public const int DefaultLimit = 100;

    public const int MaxLimit = 200;
}
