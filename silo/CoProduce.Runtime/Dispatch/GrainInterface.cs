using System.Collections.Frozen;
using System.Reflection;

namespace CoProduce.Runtime.Dispatch;

/// <summary>A grain interface, the class that implements it, and a dispatcher per method.</summary>
internal sealed class GrainInterface
{
    public GrainInterface(Type interfaceType, GrainClass grainClass)
    {
        InterfaceType = interfaceType;
        Class = grainClass;
        Methods = new[] { interfaceType }
            .Concat(interfaceType.GetInterfaces())
            .SelectMany(type => type.GetMethods())
            .Distinct()
            .ToFrozenDictionary(method => method, MethodDispatcher.Create);
    }

    public Type InterfaceType { get; }

    public GrainClass Class { get; }

    public FrozenDictionary<MethodInfo, MethodDispatcher> Methods { get; }
}
