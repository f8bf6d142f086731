namespace CoProduce.Grains.Common;

/// <summary>Reads of things a list names but that may never have been stored (a write that failed after listing).</summary>
public static class NotFoundReads
{
    /// <summary>The read's answer, or null where it is not found; any other refusal still throws.</summary>
    public static async Task<T?> OrNullWhenNotFound<T>(this Task<T> read)
        where T : class
    {
        try
        {
            return await read;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }
}
