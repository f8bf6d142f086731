namespace CoProduce.Runtime.Grains;

/// <summary>
/// Lets requests to this grain class interleave at await points. Grain code still never runs on two
/// threads at once; only the one-request-at-a-time rule is lifted.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Calls to this interface method may interleave with any other request.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method changes nothing, so it may interleave with other read-only calls.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Names a grain class's stored type. Without it the class name, less a "Grain" suffix, is used.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
