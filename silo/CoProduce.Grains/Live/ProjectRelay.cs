using CoProduce.Journal.Events;

namespace CoProduce.Grains.Live;

/// <summary>
/// One project's events waiting to be relayed to its live grain, with at most one relay call in flight:
/// events that arrive meanwhile go together in the next call, so a burst of votes costs one call and one
/// write, not one each.
/// </summary>
internal sealed class ProjectRelay
{
    /// <summary>Beyond this many waiting events only each source's latest is kept: the grain reads the rest from the journal.</summary>
    private const int MostWaiting = 1000;

    private readonly Lock _gate = new();
    private List<GrainEvent> _waiting = [];
    private bool _running;
    private bool _retired;

    /// <summary>Adds the event; true if the caller must start the relay loop.</summary>
    /// <returns>null if this relay has retired (ask for a fresh one), else whether to start the loop.</returns>
    public bool? Add(GrainEvent e)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return null;
            }

            _waiting.Add(e);
            if (_waiting.Count > MostWaiting)
            {
                _waiting = [.. _waiting.GroupBy(w => w.Grain).Select(g => g.MaxBy(w => w.Sequence)!)];
            }

            var start = !_running;
            _running = true;
            return start;
        }
    }

    /// <summary>The waiting events, or null when there are none (the loop stops and this relay retires).</summary>
    public IReadOnlyList<GrainEvent>? Take(Action retire)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _running = false;
                _retired = true;
                retire();
                return null;
            }

            var taken = _waiting;
            _waiting = [];
            return taken;
        }
    }

    /// <summary>A relay call failed: its events wait again, before any that came since.</summary>
    public void PutBack(IReadOnlyList<GrainEvent> failed)
    {
        lock (_gate)
        {
            _waiting = [.. failed, .. _waiting];
        }
    }
}
