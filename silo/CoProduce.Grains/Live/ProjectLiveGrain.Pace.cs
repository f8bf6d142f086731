using CoProduce.Live;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    public Task SignalPace(Guid personId, PaceKind kind, bool anonymous)
    {
        Present(personId);
        var counts = kind switch
        {
            PaceKind.SlowDown => S.Pace with { SlowDown = S.Pace.SlowDown + 1 },
            PaceKind.NeedBreak => S.Pace with { NeedBreak = S.Pace.NeedBreak + 1 },
            PaceKind.DontUnderstand => S.Pace with { DontUnderstand = S.Pace.DontUnderstand + 1 },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        // An anonymous signal names nobody, in the journal as on the wire.
        return Commit(S with { Pace = counts }, new PaceSignalled(kind, anonymous ? null : personId, counts));
    }

    public Task ClearPace(Guid facilitatorId)
    {
        EnsureFacilitator(facilitatorId);
        return Commit(S with { Pace = new PaceCounts(0, 0, 0) }, new PaceCleared(facilitatorId));
    }
}
