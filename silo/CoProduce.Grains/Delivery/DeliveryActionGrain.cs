using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Delivery;

/// <summary>
/// One delivery action, keyed by its id; it records its project, and a call naming another project is
/// told it does not exist. Facilitators create and edit it; its owner or a facilitator changes its
/// status; whoever can see the project reads it.
/// </summary>
// Reentrant like the decision grain: every method reads and changes the state only after its last await.
[Reentrant]
[GrainType("deliveryaction")]
public sealed class DeliveryActionGrain(
    [JournaledState("action")] IJournaledState<DeliveryActionState> state,
    TimeProvider time) : JournaledGrain, IDeliveryActionGrain
{
    private DeliveryActionState S => state.State;

    private bool Exists => S.ProjectId != Guid.Empty;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<DeliveryActionView>> Create(Actor actor, Guid projectId, ActionSpec spec)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        var (title, description, decisions) = ActionRules.Check(spec);
        await ActionRules.CheckLinks(GrainFactory, actor, projectId, spec.OwnerId, decisions);
        EnsureNew();
        await GrainFactory.ProjectList(projectId, ProjectListKind.Actions).Add(Id);
        EnsureNew();
        var now = time.GetUtcNow();
        RaiseEvent(new ActionCreated(Id, projectId, title, spec.OwnerId, spec.DueDate, decisions, actor.PersonId, actor.SupportedBy));
        await state.Commit(new DeliveryActionState
        {
            ProjectId = projectId,
            Title = title,
            Description = description,
            OwnerId = spec.OwnerId,
            DueDate = spec.DueDate,
            DecisionIds = decisions,
            Status = ActionStatus.Planned,
            CreatedBy = actor.PersonId,
            CreatedWith = actor.SupportedBy,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return Current();
    }

    public async Task<Versioned<DeliveryActionView>> Get(Actor actor, Guid projectId)
    {
        await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureInProject(projectId);
        return Current();
    }

    public Task<DeliveryActionView?> Peek() => Task.FromResult(Exists ? Current().Value : null);

    public async Task<Versioned<DeliveryActionView>> Update(Actor actor, Guid projectId, ActionSpec spec, long expectedVersion)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId);
        EnsureInProject(projectId);
        var (title, description, decisions) = ActionRules.Check(spec);
        await ActionRules.CheckLinks(GrainFactory, actor, projectId, spec.OwnerId, decisions);
        EnsureInProject(projectId);
        if (S.Version != expectedVersion)
        {
            throw DomainException.Stale(S.Version);
        }

        RaiseEvent(new ActionUpdated(Id, projectId, title, spec.OwnerId, spec.DueDate, decisions, actor.PersonId, actor.SupportedBy));
        await state.Commit(S with
        {
            Title = title,
            Description = description,
            OwnerId = spec.OwnerId,
            DueDate = spec.DueDate,
            DecisionIds = decisions,
            UpdatedAt = time.GetUtcNow(),
        });
        return Current();
    }

    public async Task<Versioned<DeliveryActionView>> SetStatus(Actor actor, Guid projectId, ActionStatus status, string? reason)
    {
        var access = await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureInProject(projectId);
        if (!access.CanFacilitate && actor.PersonId != S.OwnerId)
        {
            throw DomainException.Forbidden("Only the action's owner or the project's facilitators can change its status.");
        }

        if (!Enum.IsDefined(status))
        {
            throw DomainException.Invalid("status", "status must be Planned, InProgress, Done or Dropped.");
        }

        var why = status == ActionStatus.Dropped
            ? Text.Required(reason, "reason", Text.ParagraphLength)
            : Text.Optional(reason, "reason");
        if (status == S.Status)
        {
            throw DomainException.Conflict($"The action is already {status}.");
        }

        var now = time.GetUtcNow();
        var change = new ActionStatusChange(S.Status, status, why, actor.PersonId, actor.SupportedBy, now);
        RaiseEvent(new ActionStatusChanged(Id, projectId, change));
        await state.Commit(S with
        {
            Status = status,
            DroppedReason = status == ActionStatus.Dropped ? why : null,
            History = [.. S.History, change],
            UpdatedAt = now,
        });
        return Current();
    }

    private void EnsureInProject(Guid projectId)
    {
        if (!Exists || S.ProjectId != projectId)
        {
            throw DomainException.NotFound("The action");
        }
    }

    private void EnsureNew()
    {
        if (Exists)
        {
            throw DomainException.Conflict("This action already exists.");
        }
    }

    private Versioned<DeliveryActionView> Current() => new(
        new DeliveryActionView(
            Id, S.ProjectId, S.Title, S.Description, S.OwnerId, S.DueDate, S.DecisionIds, S.Status, S.DroppedReason, S.History,
            S.CreatedBy, S.CreatedAt, S.UpdatedAt),
        S.Version);
}
