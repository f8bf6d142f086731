using System.Collections;
using System.Reflection;

namespace CoProduce.Grains.Tests.Identity;

/// <summary>
/// Builds an instance of a contract type by reflection with a value other than the default in every member, so a
/// member the serializer drops shows up as a difference after a round trip.
/// </summary>
internal sealed class Samples
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 14, 9, 26, 53, TimeSpan.FromHours(1));

    private int _next;

    public object Of(Type type) => Of(type, depth: 0);

    private object Of(Type type, int depth)
    {
        Assert.True(depth < 12, $"{type} nests too deep for a sample; is it recursive?");
        var n = ++_next;
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Of(underlying, depth);
        }

        if (type == typeof(string))
        {
            return $"text {n}";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Convert.ChangeType(n + (type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? 0.5m : 0m), type, null);
        }

        if (type == typeof(Guid))
        {
            return new Guid(n, 7, 11, [1, 2, 3, 4, 5, 6, 7, (byte)n]);
        }

        if (type == typeof(DateTimeOffset))
        {
            return Epoch.AddMinutes(n).AddTicks(n);
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(Epoch.Date).AddDays(n);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(n + 0.25);
        }

        if (type.IsEnum)
        {
            // Some other value than the first (the default), varying so that set members differ.
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length == 1 ? 0 : 1 + (n % (values.Length - 1)))!;
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, 2);
            array.SetValue(Of(element, depth + 1), 0);
            array.SetValue(Of(element, depth + 1), 1);
            return array;
        }

        if (type.IsGenericType && Collection(type) is { } collection)
        {
            return collection(depth);
        }

        return Record(type, depth);
    }

    private Func<int, object>? Collection(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>) || definition == typeof(List<>))
        {
            return depth => Filled((IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments))!, arguments[0], depth);
        }

        if (definition == typeof(IReadOnlySet<>) || definition == typeof(HashSet<>))
        {
            return depth =>
            {
                var set = Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(arguments))!;
                var add = set.GetType().GetMethod(nameof(HashSet<int>.Add))!;
                add.Invoke(set, [Of(arguments[0], depth + 1)]);
                add.Invoke(set, [Of(arguments[0], depth + 1)]);
                return set;
            };
        }

        if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
        {
            return depth =>
            {
                var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
                dictionary[Of(arguments[0], depth + 1)] = Of(arguments[1], depth + 1);
                dictionary[Of(arguments[0], depth + 1)] = Of(arguments[1], depth + 1);
                return dictionary;
            };
        }

        return null;
    }

    private IList Filled(IList list, Type element, int depth)
    {
        list.Add(Of(element, depth + 1));
        list.Add(Of(element, depth + 1));
        return list;
    }

    /// <summary>The widest public constructor, then every settable property it did not cover.</summary>
    private object Record(Type type, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{type} has no public constructor to build a sample with.");
        var parameters = constructor.GetParameters();
        var instance = constructor.Invoke([.. parameters.Select(p => Of(p.ParameterType, depth + 1))]);
        var covered = parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && !covered.Contains(property.Name))
            {
                property.SetValue(instance, Of(property.PropertyType, depth + 1));
            }
        }

        return instance;
    }
}
