using Orleans;

namespace CoProduce.Journal.State;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IJournaledState{TState}"/> and names the state.
/// The state is read before the grain's OnActivateAsync; its writes carry the grain's raised events.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class JournaledStateAttribute(string stateName) : Attribute, IFacetMetadata
{
    public string StateName { get; } = stateName;
}
