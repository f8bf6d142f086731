using System.Reflection;
using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.State;

/// <summary>Creates the <see cref="IJournaledState{TState}"/> facet for each constructor parameter marked <see cref="JournaledStateAttribute"/>.</summary>
internal sealed class JournaledStateMapper : IAttributeToFactoryMapper<JournaledStateAttribute>
{
    private static readonly MethodInfo CreateMethod =
        typeof(JournaledStateMapper).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, JournaledStateAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(attribute);
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IJournaledState<>))
        {
            throw new ArgumentException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} is marked [JournaledState] but is a {type}, not an IJournaledState<TState>.",
                nameof(parameter));
        }

        var grainClass = parameter.Member.DeclaringType
            ?? throw new ArgumentException($"Parameter '{parameter.Name}' belongs to no grain class.", nameof(parameter));
        var create = CreateMethod.MakeGenericMethod(type.GetGenericArguments()).CreateDelegate<Func<IGrainContext, Type, string, object>>();
        var stateName = attribute.StateName;
        return context => create(context, grainClass, stateName);
    }

    // Returns object: the factory delegate Orleans asks for is untyped.
#pragma warning disable CA1859
    private static object Create<TState>(IGrainContext context, Type grainClass, string stateName)
    {
        var state = new JournaledState<TState>(JournalActivation.For(context, grainClass), stateName);
        state.Participate(context.ObservableLifecycle);
        return state;
    }
#pragma warning restore CA1859
}
