namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>
/// The part of Kubernetes' strategic merge patch the overlays use: mappings merge key by key; lists whose
/// items all have a <c>name</c> (containers, env, volumes, ports) merge item by item on it; any other list
/// is replaced whole, as Kubernetes does for lists without a merge key (an Ingress's rules and tls).
/// </summary>
public static class StrategicMerge
{
    public static void Apply(Dictionary<string, object?> target, Dictionary<string, object?> patch)
    {
        foreach (var (key, value) in patch)
        {
            target[key] = target.GetValueOrDefault(key) switch
            {
                Dictionary<string, object?> existing when value is Dictionary<string, object?> patchMap => MergeMap(existing, patchMap),
                List<object?> existing when value is List<object?> patchList && Named(existing) && Named(patchList) => MergeNamed(existing, patchList),
                _ => Yaml.Copy(value),
            };
        }
    }

    private static Dictionary<string, object?> MergeMap(Dictionary<string, object?> existing, Dictionary<string, object?> patch)
    {
        Apply(existing, patch);
        return existing;
    }

    private static List<object?> MergeNamed(List<object?> existing, List<object?> patch)
    {
        foreach (var item in patch.Cast<Dictionary<string, object?>>())
        {
            var match = existing.Cast<Dictionary<string, object?>>().FirstOrDefault(e => e.Text("name") == item.Text("name"));
            if (match is null)
            {
                existing.Add(Yaml.Copy(item));
            }
            else
            {
                Apply(match, item);
            }
        }

        return existing;
    }

    private static bool Named(List<object?> list) =>
        list.Count > 0 && list.All(item => item is Dictionary<string, object?> map && map.Text("name") is not null);
}
