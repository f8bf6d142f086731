using Orleans;

namespace CoProduce.Journal.Storage;

/// <summary>
/// The database could not take a grain's read or write just now: unreachable or restarting, or (when
/// <see cref="CannotWrite"/>) full or read-only. Nothing was decided; the same request can succeed later.
/// Database exceptions do not survive the trip between silos, so the journal replaces them with this one where they
/// happen (its call filter for calls, the state read for an activation), and <see cref="StorageFailures"/> classifies
/// it as before.
/// </summary>
[GenerateSerializer, Alias("coproduce.storage-unavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message, bool cannotWrite)
        : base(message) => CannotWrite = cannotWrite;

    /// <summary>True when the storage is full or read-only rather than unreachable.</summary>
    [Id(0)]
    public bool CannotWrite { get; init; }
}
