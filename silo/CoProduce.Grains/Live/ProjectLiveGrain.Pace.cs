using CoProduce.Live;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    /// <summary>
    /// Who has signalled which kind since the counts were last cleared. Kept in memory only, never written or
    /// logged, so an anonymous signal still names nobody anywhere; if the session's activation is lost a person
    /// may count once more, which a facilitator's clear puts right.
    /// </summary>
    private readonly HashSet<(Guid PersonId, PaceKind Kind)> _signalled = [];

    public Task SignalPace(Guid personId, PaceKind kind, bool anonymous)
    {
        Present(personId);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        // One person's signal of a kind counts once until the counts are cleared: signalling again (from any of
        // their connections, on any gateway) changes nothing and pushes nothing, so the counts say how many
        // people want this and nobody can flood the room with signals.
        if (_signalled.Contains((personId, kind)))
        {
            return Task.CompletedTask;
        }

        Spend(personId);
        var counts = kind switch
        {
            PaceKind.SlowDown => S.Pace with { SlowDown = S.Pace.SlowDown + 1 },
            PaceKind.NeedBreak => S.Pace with { NeedBreak = S.Pace.NeedBreak + 1 },
            _ => S.Pace with { DontUnderstand = S.Pace.DontUnderstand + 1 },
        };

        _signalled.Add((personId, kind));

        // An anonymous signal names nobody, in the journal as on the wire.
        return Commit(S with { Pace = counts }, new PaceSignalled(kind, anonymous ? null : personId, counts));
    }

    public Task ClearPace(Guid facilitatorId)
    {
        EnsureFacilitator(facilitatorId);
        _signalled.Clear();

        // Nothing to clear pushes nothing, so clearing cannot flood the room either.
        if (S.Pace == new PaceCounts(0, 0, 0))
        {
            return Task.CompletedTask;
        }

        return Commit(S with { Pace = new PaceCounts(0, 0, 0) }, new PaceCleared(facilitatorId));
    }
}
