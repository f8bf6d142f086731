namespace CoProduce.Grains.Common;

/// <summary>
/// The one set of rules for a supporter's change waiting for the person they act with, whatever it changes: the
/// supporter proposes it and nothing changes; only the person, signed in as themselves, confirms it; the person may
/// reject any change, and the supporter who proposed one may withdraw it; at most <see cref="Max"/> wait at once.
/// Each grain keeps its list in its state, raises its own events and applies a confirmed change itself, naming the
/// supporter (<see cref="IPendingChange.ProposedBy"/>).
/// </summary>
/// <param name="what">What the changes are to, in the person's words ("payments"), for the refusals.</param>
internal sealed class PendingChanges<T>(string what)
    where T : IPendingChange
{
    /// <summary>How many changes of one kind may wait for a person.</summary>
    public const int Max = 20;

    /// <summary>The list with the supporter's change added; 409 while the most already wait.</summary>
    public List<T> Propose(IReadOnlyCollection<T> pending, T change) =>
        pending.Count >= Max
            ? throw DomainException.Conflict($"At most {Max} changes to their {what} wait for the person; they confirm or reject some first.")
            : [.. pending, change];

    /// <summary>The change the person confirms, taken from the list: 403 for a supporter, 404 for an id not waiting.</summary>
    public Decided<T> Confirm(IReadOnlyList<T> pending, Actor actor, Guid changeId)
    {
        if (actor.IsActingWith())
        {
            throw DomainException.Forbidden($"Only the person confirms a supporter's change to their {what}; a supporter cannot confirm it for them.");
        }

        return Take(pending, changeId, actor.PersonId);
    }

    /// <summary>
    /// The change the person rejects, or the supporter who proposed it withdraws, taken from the list: 404 for an id
    /// not waiting, 403 for another supporter.
    /// </summary>
    public Decided<T> Reject(IReadOnlyList<T> pending, Actor actor, Guid changeId)
    {
        var decided = Take(pending, changeId, actor.SupportedBy ?? actor.PersonId);
        if (actor.SupportedBy is { } supporter && supporter != decided.Change.ProposedBy)
        {
            throw DomainException.Forbidden($"Only the person, or the supporter who proposed it, can withdraw a pending change to their {what}.");
        }

        return decided;
    }

    private static Decided<T> Take(IReadOnlyList<T> pending, Guid changeId, Guid by) =>
        pending.FirstOrDefault(p => p.Id == changeId) is { } change
            ? new Decided<T>(change, [.. pending.Where(p => p.Id != changeId)], by)
            : throw DomainException.NotFound("The pending change");
}

/// <summary>A pending change decided: the change, the list without it, and who decided (the person, or the supporter withdrawing it).</summary>
internal sealed record Decided<T>(T Change, List<T> Rest, Guid By);
