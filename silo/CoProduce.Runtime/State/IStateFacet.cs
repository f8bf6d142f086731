namespace CoProduce.Runtime.State;

/// <summary>A state facet the runtime reads before the grain activates.</summary>
internal interface IStateFacet
{
    Task ReadStateAsync(CancellationToken cancellationToken);

    /// <summary>False when storage holds a version this copy has not seen (another node wrote it).</summary>
    Task<bool> IsCurrentAsync(CancellationToken cancellationToken);
}
