namespace CoProduce.Runtime.Grains;

/// <summary>The identity of a grain: its type name (stable, stored) and its key in string form.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
