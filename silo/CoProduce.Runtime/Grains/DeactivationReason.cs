namespace CoProduce.Runtime.Grains;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    IdleCollected,
    ApplicationRequested,
    InconsistentState,
    ShuttingDown,
}
