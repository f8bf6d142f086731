using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Reminders;

namespace CoProduce.Runtime.Dispatch;

/// <summary>The grain classes and interfaces found in the assemblies given to the silo.</summary>
internal sealed class GrainRegistry
{
    private static readonly HashSet<Type> Markers =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey), typeof(IRemindable)];

    private readonly FrozenDictionary<Type, GrainInterface> _interfaces;
    private readonly FrozenDictionary<string, GrainClass> _classes;

    public GrainRegistry(IEnumerable<Assembly> assemblies)
    {
        var classes = assemblies.Distinct()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type))
            .Select(type => new GrainClass(type))
            .ToList();
        var duplicateName = classes.GroupBy(c => c.TypeName).FirstOrDefault(g => g.Count() > 1);
        if (duplicateName is not null)
        {
            throw new InvalidOperationException(
                $"Grain classes {string.Join(", ", duplicateName.Select(c => c.ClassType.Name))} share the type name '{duplicateName.Key}'; give one a [GrainType].");
        }

        var interfaces = new Dictionary<Type, GrainInterface>();
        foreach (var grainClass in classes)
        {
            // An interface a grain base class already implements belongs to that base class.
            var baseType = grainClass.ClassType.BaseType;
            var grainInterfaces = grainClass.ClassType.GetInterfaces()
                .Where(i => typeof(IGrain).IsAssignableFrom(i) && !Markers.Contains(i))
                .Where(i => baseType is null || baseType.IsAbstract || !i.IsAssignableFrom(baseType));
            foreach (var grainInterface in grainInterfaces)
            {
                if (!interfaces.TryAdd(grainInterface, new GrainInterface(grainInterface, grainClass)))
                {
                    throw new InvalidOperationException(
                        $"Grain interface {grainInterface.Name} is implemented by both {interfaces[grainInterface].Class.ClassType.Name} and {grainClass.ClassType.Name}.");
                }
            }
        }

        _interfaces = interfaces.ToFrozenDictionary();
        _classes = classes.ToFrozenDictionary(c => c.TypeName);
    }

    public GrainInterface GetInterface(Type interfaceType) =>
        _interfaces.TryGetValue(interfaceType, out var found)
            ? found
            : throw new InvalidOperationException($"No grain class implements {interfaceType.Name}; is its assembly added to the silo?");

    public GrainClass GetClass(string typeName) =>
        _classes.TryGetValue(typeName, out var found)
            ? found
            : throw new InvalidOperationException($"No grain class has the type name '{typeName}'.");

    public bool TryGetClass(string typeName, [NotNullWhen(true)] out GrainClass? grainClass) =>
        _classes.TryGetValue(typeName, out grainClass);
}
