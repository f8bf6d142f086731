namespace CoProduce.Runtime.Activations;

internal enum ActivationStatus
{
    Activating,
    Valid,
    Deactivating,
    Deactivated,
}
