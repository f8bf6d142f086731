using CoProduce.Grains.Common;
using CoProduce.Live;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    public Task RaiseHand(Guid personId)
    {
        var person = Present(personId).Person;
        if (S.Queue.Any(h => h.PersonId == personId))
        {
            return Task.CompletedTask;
        }

        if (S.Floor?.PersonId == personId)
        {
            throw DomainException.Conflict("You have the floor already.");
        }

        Spend(personId);
        return Commit(S with { Queue = [.. S.Queue, new QueuedHand(personId, person.Role, time.GetUtcNow())] }, new HandRaised(personId, person.Role));
    }

    public Task LowerHand(Guid personId)
    {
        Present(personId);
        if (!S.Queue.Any(h => h.PersonId == personId))
        {
            return Task.CompletedTask;
        }

        // Lowering is never refused; a hand goes down only as often as it went up, and raising is what is limited.
        return Commit(S with { Queue = [.. S.Queue.Where(h => h.PersonId != personId)] }, new HandLowered(personId));
    }

    public Task GiveFloor(Guid facilitatorId, Guid personId)
    {
        EnsureFacilitator(facilitatorId);
        var speaker = Present(personId).Person;
        var events = new List<LiveEvent>();
        var next = S;
        if (next.Floor is not null)
        {
            next = EndFloor(next, events);
        }

        if (next.Queue.Any(h => h.PersonId == personId))
        {
            next = next with { Queue = [.. next.Queue.Where(h => h.PersonId != personId)] };
            events.Add(new HandLowered(personId));
        }

        events.Add(new FloorGiven(personId, speaker.Role, facilitatorId));
        return Commit(next with { Floor = new SpeakerTurn(personId, speaker.Role, time.GetUtcNow()) }, [.. events]);
    }

    public Task EndTurn(Guid personId)
    {
        var caller = Present(personId).Person;
        if (S.Floor is null)
        {
            throw DomainException.Conflict("Nobody has the floor.");
        }

        if (S.Floor.PersonId != personId && caller.Role != LiveRole.Facilitator)
        {
            throw DomainException.Forbidden("Only the speaker or a facilitator can end a turn.");
        }

        var events = new List<LiveEvent>();
        var next = EndFloor(S, events);
        return Commit(next, [.. events]);
    }

    public Task<SpeakingTimeReport> SpeakingTime()
    {
        var total = S.SpeakingSeconds.Values.Sum();
        return Task.FromResult(new SpeakingTimeReport(
            [.. Enum.GetValues<LiveRole>().Select(r =>
            {
                var seconds = S.SpeakingSeconds.GetValueOrDefault(r);
                return new RoleSpeakingTime(r, seconds, total > 0 ? seconds / total : 0);
            })],
            total));
    }

    /// <summary>Ends the running turn into <paramref name="events"/> and adds its time to its role.</summary>
    private ProjectLiveState EndFloor(ProjectLiveState current, List<LiveEvent> events)
    {
        var floor = current.Floor!;
        var seconds = Math.Max(0, (time.GetUtcNow() - floor.Since).TotalSeconds);
        events.Add(new TurnEnded(floor.PersonId, floor.Role, seconds));
        var totals = new Dictionary<LiveRole, double>(current.SpeakingSeconds);
        totals[floor.Role] = totals.GetValueOrDefault(floor.Role) + seconds;
        return current with { Floor = null, SpeakingSeconds = totals };
    }
}
