namespace CoProduce.Runtime.State;

/// <summary>A state facet the runtime reads before the grain activates.</summary>
internal interface IStateFacet
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
