namespace CoProduce.Grains.Live;

/// <summary>The live session grain's type: its journal ("projectlive", keyed by the project id) is the project's live sequence.</summary>
public static class LiveJournal
{
    public const string GrainType = "projectlive";
}
