namespace CoProduce.Grains.Agenda.Ranking;

/// <summary>Candidates by position in proposal order, which is what every tie-break uses.</summary>
internal static class Candidates
{
    public static Dictionary<Guid, int> Index(IReadOnlyList<Guid> candidates)
    {
        var index = new Dictionary<Guid, int>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!index.TryAdd(candidates[i], i))
            {
                throw new ArgumentException($"Candidate {candidates[i]} appears twice.", nameof(candidates));
            }
        }

        return index;
    }
}
