using CoProduce.Grains.Common;

namespace CoProduce.Grains.Delivery;

/// <summary>Where a delivery action is.</summary>
[GenerateSerializer, Alias("coproduce.delivery.ActionStatus")]
public enum ActionStatus
{
    /// <summary>Agreed but not started.</summary>
    Planned,

    /// <summary>Being worked on.</summary>
    InProgress,

    /// <summary>Finished.</summary>
    Done,

    /// <summary>Will not be done; a reason is required and shown to everyone.</summary>
    Dropped,
}

/// <summary>What a facilitator writes for an action: what, who, by when, and the decisions it serves.</summary>
[GenerateSerializer, Alias("coproduce.delivery.ActionSpec")]
public sealed record ActionSpec(
    string Title,
    string? Description,
    Guid OwnerId,
    DateTimeOffset? DueDate,
    IReadOnlyList<Guid> DecisionIds);

/// <summary>An action that follows from one or more decisions of the same project.</summary>
[Alias("coproduce.delivery.IDeliveryActionGrain")]
public interface IDeliveryActionGrain : IGrainWithGuidKey
{
    /// <summary>Creates the action in <paramref name="projectId"/> (facilitators), Planned.</summary>
    Task<Versioned<DeliveryActionView>> Create(Actor actor, Guid projectId, ActionSpec spec);

    /// <summary>The action for anyone who can see its project; 404 for anyone else or another project's id.</summary>
    [ReadOnly]
    Task<Versioned<DeliveryActionView>> Get(Actor actor, Guid projectId);

    /// <summary>The action for lists and links; null when it does not exist. The caller has already been let into the project.</summary>
    [ReadOnly]
    Task<DeliveryActionView?> Peek();

    /// <summary>Replaces title, description, owner, due date and decisions (facilitators) under If-Match.</summary>
    Task<Versioned<DeliveryActionView>> Update(Actor actor, Guid projectId, ActionSpec spec, long expectedVersion);

    /// <summary>Changes the status (the owner or facilitators); Dropped needs a reason.</summary>
    Task<Versioned<DeliveryActionView>> SetStatus(Actor actor, Guid projectId, ActionStatus status, string? reason);
}
