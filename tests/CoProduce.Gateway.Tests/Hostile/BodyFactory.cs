using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoProduce.Gateway.Tests.Hostile;

/// <summary>
/// Builds request bodies from an endpoint's request type: a well-formed one, and hostile variants
/// (broken JSON, wrong types, unknown enum names, missing fields, unknown fields, huge strings).
/// </summary>
public static class BodyFactory
{
    public static readonly string[] BrokenJson =
    [
        "", "{", "}", "[", "null", "[]", "\"text\"", "42", "{\"a\":}", "{'single':'quotes'}", "{\"a\":1,}",
        new string('[', 100) + new string(']', 100), "\u0000\u0001\u0002", "{\"a\":\"\\uZZZZ\"}",
    ];

    /// <summary>A body with plausible values for every member.</summary>
    public static JsonNode? WellFormed(Type type) => ValueFor(type, depth: 0);

    /// <summary>Hostile variants of a body of <paramref name="type"/>, each with a short name for failure messages.</summary>
    public static IEnumerable<(string Name, string Json)> Hostile(Type type)
    {
        foreach (var broken in BrokenJson)
        {
            yield return ($"broken json '{Truncate(broken)}'", broken);
        }

        if (WellFormed(type) is not JsonObject)
        {
            yield break;
        }

        yield return ("unknown member", With(type, o => o["notAField"] = "surprise"));
        yield return ("deeply nested", With(type, o => o["deep"] = Nest(40)));
        foreach (var (name, memberType, optional) in Members(type))
        {
            if (!optional)
            {
                yield return ($"missing {name}", With(type, o => o.Remove(name)));
            }

            yield return ($"{name} of the wrong type", With(type, o => o[name] = WrongValue(memberType)));
            if (Unwrap(memberType) == typeof(string))
            {
                yield return ($"{name} huge", With(type, o => o[name] = new string('x', 200_000)));
                yield return ($"{name} control characters", With(type, o => o[name] = "\u0000\u0007\u001b[31m"));
            }

            if (Unwrap(memberType).IsEnum)
            {
                yield return ($"{name} unknown enum name", With(type, o => o[name] = "NotARealValue"));
                yield return ($"{name} enum as number", With(type, o => o[name] = 99));
            }

            if (Unwrap(memberType) == typeof(decimal) || Unwrap(memberType) == typeof(int))
            {
                yield return ($"{name} negative", With(type, o => o[name] = -1));
                yield return ($"{name} enormous", With(type, o => o[name] = JsonValue.Create(1e30)));
            }
        }
    }

    private static string With(Type type, Action<JsonObject> change)
    {
        var body = (JsonObject)WellFormed(type)!;
        change(body);
        return body.ToJsonString();
    }

    /// <summary>Constructor parameters of a record (the members the API binds), with JSON names.</summary>
    private static IEnumerable<(string Name, Type Type, bool Optional)> Members(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();

        // One context per call: NullabilityInfoContext caches in a plain Dictionary and is not thread-safe,
        // and the SQLite and PostgreSQL hostile tests build bodies at the same time.
        var nullability = new NullabilityInfoContext();
        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            var optional = parameter.HasDefaultValue
                || Nullable.GetUnderlyingType(parameter.ParameterType) is not null
                || nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            yield return (JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!), parameter.ParameterType, optional);
        }
    }

    private static JsonNode? ValueFor(Type type, int depth)
    {
        var t = Unwrap(type);
        if (t == typeof(string))
        {
            return "x";
        }

        if (t == typeof(Guid))
        {
            return Guid.NewGuid().ToString();
        }

        if (t == typeof(bool))
        {
            return true;
        }

        if (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double))
        {
            return 1;
        }

        if (t.IsEnum)
        {
            return Enum.GetNames(t)[0];
        }

        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        }

        if (t == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (t == typeof(TimeSpan))
        {
            return "01:00:00";
        }

        if (t.IsGenericType && t.GetGenericArguments().Length == 2 && typeof(IEnumerable).IsAssignableFrom(t))
        {
            return new JsonObject();
        }

        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            return new JsonArray();
        }

        if (depth > 4)
        {
            return null;
        }

        var body = new JsonObject();
        foreach (var (name, memberType, _) in Members(t))
        {
            body[name] = ValueFor(memberType, depth + 1);
        }

        return body;
    }

    private static JsonValue WrongValue(Type type)
    {
        var t = Unwrap(type);
        return t == typeof(string) || t.IsEnum || t == typeof(Guid) ? JsonValue.Create(12345)
            : t == typeof(bool) || t == typeof(int) || t == typeof(decimal) ? JsonValue.Create("not a number")
            : typeof(IEnumerable).IsAssignableFrom(t) ? JsonValue.Create("not a list")
            : JsonValue.Create(true);
    }

    private static JsonNode Nest(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static string Truncate(string text) => text.Length > 12 ? text[..12] + "..." : text;
}
