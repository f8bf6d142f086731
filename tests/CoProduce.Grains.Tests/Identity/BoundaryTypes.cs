using System.Reflection;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Tests.Identity;

/// <summary>
/// Every type that crosses a grain boundary: the parameters and results of every grain interface method, and
/// everything those hold, followed through records, collections, nullables and tasks down to the BCL.
/// </summary>
internal static class BoundaryTypes
{
    public static readonly Assembly Contracts = typeof(DomainException).Assembly;

    public static readonly Assembly GrainClasses = typeof(global::CoProduce.Grains.Agenda.AgendaGrain).Assembly;

    private static readonly HashSet<Type> Markers =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey), typeof(IRemindable), typeof(IAddressable), typeof(IGrainObserver)];

    private static readonly HashSet<Type> Wrappers =
    [
        typeof(Task<>), typeof(ValueTask<>), typeof(Nullable<>), typeof(IEnumerable<>), typeof(IReadOnlyCollection<>),
        typeof(IReadOnlyList<>), typeof(IReadOnlySet<>), typeof(IReadOnlyDictionary<,>), typeof(List<>), typeof(HashSet<>),
        typeof(Dictionary<,>), typeof(KeyValuePair<,>),
    ];

    private static readonly Lazy<IReadOnlyList<Type>> Walked = new(Walk);

    public static IEnumerable<Type> GrainInterfaces =>
        Contracts.GetTypes().Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && !Markers.Contains(t));

    /// <summary>Every closed type met on the walk that is not part of .NET (tasks, collections and primitives are only passed through).</summary>
    public static IReadOnlyList<Type> All => Walked.Value;

    /// <summary>Those declared in the contracts assembly, which carry the Orleans attributes.</summary>
    public static IEnumerable<Type> Own => All.Where(t => t.Assembly == Contracts);

    /// <summary>The exception types the contracts and the grains declare.</summary>
    public static IEnumerable<Type> Exceptions =>
        new[] { Contracts, GrainClasses }.SelectMany(a => a.GetTypes())
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !InsideAJob.Contains(t));

    /// <summary>
    /// Exceptions thrown and handled inside a background job on one node (Hangfire reads them there): no grain throws
    /// them, so they never cross a grain boundary and need no Orleans identity.
    /// </summary>
    public static IReadOnlyList<Type> InsideAJob { get; } = [typeof(Payments.Payouts.PayoutRetryException)];

    public static bool IsDotNet(Type type) =>
        type.Assembly == typeof(object).Assembly || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true;

    private static IReadOnlyList<Type> Walk()
    {
        var found = new HashSet<Type>();
        var methods = GrainInterfaces
            .SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .ToList();
        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            Visit(method.ReturnType, found);
            foreach (var parameter in method.GetParameters())
            {
                Visit(parameter.ParameterType, found);
            }
        }

        return [.. found.OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    private static void Visit(Type type, HashSet<Type> found)
    {
        if (type.IsArray)
        {
            Visit(type.GetElementType()!, found);
            return;
        }

        if (type.IsGenericType && Wrappers.Contains(type.GetGenericTypeDefinition()))
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Visit(argument, found);
            }

            return;
        }

        // Grain and observer references are Orleans' own to serialize.
        if (type == typeof(Task) || type == typeof(ValueTask) || type == typeof(void) || typeof(IAddressable).IsAssignableFrom(type))
        {
            return;
        }

        if (IsDotNet(type))
        {
            Assert.False(type.IsGenericType, $"{type} crosses a grain boundary: add its generic definition to the walk's wrappers or pass something else.");
            return;
        }

        if (!found.Add(type))
        {
            return;
        }

        foreach (var argument in type.GetGenericArguments())
        {
            Visit(argument, found);
        }

        foreach (var member in SerializedMembers(type))
        {
            Visit(member, found);
        }
    }

    /// <summary>The types of what a record or exception carries: its settable properties (positional and init ones).</summary>
    private static IEnumerable<Type> SerializedMembers(Type type) =>
        type.IsEnum
            ? []
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is not null || p.IsDefined(typeof(Orleans.IdAttribute)))
                .Select(p => p.PropertyType);
}
