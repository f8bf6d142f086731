using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Decisions;

/// <summary>
/// Closing and the outcome. A decision closes at its closing time by a durable reminder (so it closes
/// on time even across restarts), or earlier when a facilitator closes it; the outcome statement's review
/// date comes back the same way.
/// </summary>
public sealed partial class DecisionGrain
{
    private const string CloseReminder = "close";
    private const string ReviewReminder = "review";
    private static readonly TimeSpan LongestReview = TimeSpan.FromDays(5 * 366);

    /// <summary>A reminder repeats until its work is stored, so a failed close is tried again as soon as allowed.</summary>
    private TimeSpan RetryPeriod => reminders.Value.MinimumReminderPeriod;

    public async Task<Versioned<DecisionView>> Close(Actor actor, Guid projectId)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        EnsureInProject(projectId);
        if (S.Status != DecisionStatus.Open)
        {
            throw DomainException.Conflict("This decision is already closed.");
        }

        await CloseNow(actor);
        await this.UnregisterReminder(CloseReminder);
        return Current();
    }

    public async Task<Versioned<DecisionView>> RecordOutcome(Actor actor, Guid projectId, string statement, DateTimeOffset reviewDate)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        EnsureInProject(projectId);
        var text = Text.Required(statement, "statement", Text.ParagraphLength);
        var now = time.GetUtcNow();
        if (reviewDate <= now || reviewDate > now + LongestReview)
        {
            throw DomainException.Invalid("reviewDate", "reviewDate must be in the future and within five years.");
        }

        EnsureNoOutcome();
        await this.RegisterOrUpdateReminder(ReviewReminder, reviewDate - now, RetryPeriod);
        EnsureNoOutcome();
        var wasOpen = S.Status == DecisionStatus.Open;
        var closing = wasOpen ? Closing(actor, now) : S;
        var outcome = new DecisionOutcome(text, reviewDate, actor.PersonId, actor.SupportedBy, now);
        RaiseEvent(new OutcomeRecorded(Id, S.ProjectId, outcome));
        await state.Commit(closing with { Status = DecisionStatus.Decided, Outcome = outcome });
        if (wasOpen)
        {
            await this.UnregisterReminder(CloseReminder);
        }

        return Current();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == CloseReminder && Exists && S.Status == DecisionStatus.Open)
        {
            await CloseNow(null);
        }
        else if (reminderName == ReviewReminder && S.Outcome is { } outcome && S.ReviewDueAt is null)
        {
            var now = time.GetUtcNow();
            RaiseEvent(new ReviewDue(Id, S.ProjectId, outcome.ReviewDate, now));
            await state.Commit(S with { ReviewDueAt = now });
        }

        // Done (or nothing left to do, e.g. a create that was never stored): stop repeating.
        await this.UnregisterReminder(reminderName);
    }

    private Task CloseNow(Actor? actor) => state.Commit(Closing(actor, time.GetUtcNow()));

    /// <summary>The state closed with its final count, and the event saying so; the caller commits it.</summary>
    private DecisionState Closing(Actor? actor, DateTimeOffset now)
    {
        var results = Count();
        RaiseEvent(new DecisionClosed(Id, S.ProjectId, results, actor?.PersonId, actor?.SupportedBy, now));
        return S with { Status = DecisionStatus.Closed, FinalResults = results, ClosedAt = now, ClosedBy = actor?.PersonId };
    }

    private void EnsureNoOutcome()
    {
        if (S.Outcome is not null)
        {
            throw DomainException.Conflict("This decision already has its outcome statement.");
        }
    }
}
