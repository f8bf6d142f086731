using System.Linq.Expressions;
using System.Reflection;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Dispatch;

/// <summary>
/// Calls one grain interface method. Built once per method with a compiled invoker, so a call costs a
/// delegate invocation rather than reflection.
/// </summary>
internal abstract class MethodDispatcher(MethodInfo method, Interleaving interleaving)
{
    public MethodInfo Method { get; } = method;

    public Interleaving Interleaving { get; } = interleaving;

    public string Name { get; } = $"{method.DeclaringType?.Name}.{method.Name}";

    /// <summary>Handles a proxy call and returns what the interface method returns.</summary>
    public abstract object Call(GrainProxy proxy, object?[]? args);

    public static MethodDispatcher Create(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition)
        {
            throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} is generic; grain methods cannot be.");
        }

        var interleaving = method.IsDefined(typeof(AlwaysInterleaveAttribute)) ? Interleaving.Always
            : method.IsDefined(typeof(ReadOnlyAttribute)) ? Interleaving.ReadOnly
            : Interleaving.None;
        var returns = method.ReturnType;
        Type dispatcherType;
        if (returns == typeof(Task) || returns == typeof(ValueTask))
        {
            dispatcherType = returns == typeof(Task) ? typeof(VoidTaskDispatcher) : typeof(VoidValueTaskDispatcher);
            var invoker = CompileInvoker(method, typeof(Task), returns == typeof(ValueTask));
            return (MethodDispatcher)Activator.CreateInstance(dispatcherType, method, interleaving, invoker)!;
        }

        if (returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            var resultType = returns.GetGenericArguments()[0];
            var isValueTask = returns.GetGenericTypeDefinition() == typeof(ValueTask<>);
            dispatcherType = (isValueTask ? typeof(ValueTaskDispatcher<>) : typeof(TaskDispatcher<>)).MakeGenericType(resultType);
            var invoker = CompileInvoker(method, typeof(Task<>).MakeGenericType(resultType), isValueTask);
            return (MethodDispatcher)Activator.CreateInstance(dispatcherType, method, interleaving, invoker)!;
        }

        throw new NotSupportedException(
            $"Grain method {method.DeclaringType?.Name}.{method.Name} returns {returns.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    /// <summary>Builds (object grain, object?[]? args) => ((IFoo)grain).Method((T0)args[0], ...) as a Task.</summary>
    private static Delegate CompileInvoker(MethodInfo method, Type taskType, bool fromValueTask)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        if (fromValueTask)
        {
            call = Expression.Call(call, method.ReturnType.GetMethod(nameof(ValueTask.AsTask))!);
        }

        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(object), typeof(object?[]), taskType);
        return Expression.Lambda(delegateType, call, grain, args).Compile();
    }
}
