using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>
/// Who is present, read in pages in order of person id, so that neither a join's answer nor any other
/// message grows with the size of the room.
/// </summary>
public sealed partial class ProjectLiveGrain
{
    /// <summary>The present people's ids in order; made again after presence changes, when first asked for.</summary>
    private Guid[]? _presentOrder;

    public async Task<LiveSnapshot> Snapshot()
    {
        var first = await Presence(null, PresencePage.FirstPage);
        return new LiveSnapshot(first.Sequence, first.People, first.Total, first.Next, S.Queue, S.Floor, S.Pace);
    }

    public async Task<PresencePage> Presence(Guid? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var order = _presentOrder ??= [.. P.Present.Keys.Order()];
        var start = after is { } a ? Following(order, a) : 0;
        var count = Math.Min(limit, order.Length - start);
        var people = new PresentPerson[count];
        for (var i = 0; i < count; i++)
        {
            people[i] = P.Present[order[start + i]].Person;
        }

        var next = start + count < order.Length ? order[start + count - 1] : (Guid?)null;
        return new PresencePage(await GetLastEventSequenceAsync(), people, order.Length, next);
    }

    /// <summary>The index of the first id after <paramref name="after"/>, whether or not it is still present.</summary>
    private static int Following(Guid[] order, Guid after)
    {
        var index = Array.BinarySearch(order, after);
        return index >= 0 ? index + 1 : ~index;
    }
}
