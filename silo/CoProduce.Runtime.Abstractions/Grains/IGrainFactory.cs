namespace CoProduce.Runtime.Grains;

/// <summary>
/// Hands out references to grains. A reference is cheap; the grain is activated on its first call
/// and collected when idle. Callers never create or destroy grains.
/// </summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of type <typeparamref name="TGrain"/> with a string key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;

    /// <summary>A reference to the grain of type <typeparamref name="TGrain"/> with a Guid key.</summary>
    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;

    /// <summary>A reference to the grain of type <typeparamref name="TGrain"/> with an integer key.</summary>
    TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey;
}
