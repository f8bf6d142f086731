using System.Reflection;
using CoProduce.Journal.Storage;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Runtime.Dispatch;

/// <summary>What the runtime knows about one grain class: its stored type name, reentrancy and how to build it.</summary>
internal sealed class GrainClass
{
    private readonly ConstructorInfo _constructor;
    private readonly ParameterInfo[] _parameters;

    public GrainClass(Type classType)
    {
        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(classType);
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        var constructors = classType.GetConstructors();
        _constructor = constructors.Length == 1
            ? constructors[0]
            : throw new InvalidOperationException($"Grain class {classType.Name} must have exactly one public constructor.");
        _parameters = _constructor.GetParameters();
        foreach (var parameter in _parameters)
        {
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is not null && StateType(parameter) is null)
            {
                throw new InvalidOperationException(
                    $"Parameter {parameter.Name} of {classType.Name} has [PersistentState] but is not an IPersistentState<T>.");
            }
        }
    }

    public Type ClassType { get; }

    public string TypeName { get; }

    public bool IsReentrant { get; }

    /// <summary>Builds the grain: persistent state facets for [PersistentState] parameters, services for the rest.</summary>
    public (Grain Instance, IReadOnlyList<IStateFacet> Facets) Create(IServiceProvider services, Activation activation)
    {
        var facets = new List<IStateFacet>();
        var arguments = new object?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } state)
            {
                var key = new StateKey(activation.Id.Type, activation.Id.Key, state.StateName);
                var facetType = typeof(PersistentState<>).MakeGenericType(StateType(parameter)!);
                var facet = (IStateFacet)Activator.CreateInstance(facetType, activation, key)!;
                facets.Add(facet);
                arguments[i] = facet;
            }
            else
            {
                arguments[i] = services.GetRequiredService(parameter.ParameterType);
            }
        }

        var instance = (Grain)_constructor.Invoke(arguments);
        instance.Attach(activation);
        return (instance, facets);
    }

    private static Type? StateType(ParameterInfo parameter) =>
        parameter.ParameterType.IsGenericType && parameter.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>)
            ? parameter.ParameterType.GetGenericArguments()[0]
            : null;

    private static string DefaultTypeName(Type type)
    {
        var name = type.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
