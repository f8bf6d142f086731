using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>Reads multi-document YAML into plain dictionaries, lists and strings, and walks them.</summary>
public static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<Dictionary<string, object?>> ReadDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<string, object?>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Normalize(Deserializer.Deserialize<object?>(parser)) is Dictionary<string, object?> document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public static object? Copy(object? node) => node switch
    {
        Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => Copy(e.Value)),
        List<object?> list => list.Select(Copy).ToList(),
        _ => node,
    };

    public static Dictionary<string, object?>? Map(this Dictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) as Dictionary<string, object?>;

    public static List<object?> List(this Dictionary<string, object?> map, string key) =>
        map.GetValueOrDefault(key) as List<object?> ?? [];

    public static IEnumerable<Dictionary<string, object?>> Maps(this Dictionary<string, object?> map, string key) =>
        map.List(key).OfType<Dictionary<string, object?>>();

    public static string? Text(this Dictionary<string, object?> map, string key) => map.GetValueOrDefault(key) as string;

    public static int? Number(this Dictionary<string, object?> map, string key) =>
        int.TryParse(map.Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Flag(this Dictionary<string, object?> map, string key) => map.Text(key) switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>Follows a path of mapping keys; null when any step is missing.</summary>
    public static Dictionary<string, object?>? At(this Dictionary<string, object?> map, params string[] path)
    {
        Dictionary<string, object?>? current = map;
        foreach (var key in path)
        {
            current = current?.Map(key);
        }

        return current;
    }

    private static object? Normalize(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e => Normalize(e.Value)),
        IList<object?> list => list.Select(Normalize).ToList(),
        _ => node,
    };
}
