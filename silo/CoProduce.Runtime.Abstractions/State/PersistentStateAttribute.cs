namespace CoProduce.Runtime.State;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> and names the state.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}
