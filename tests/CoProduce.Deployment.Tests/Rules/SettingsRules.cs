using CoProduce.Deployment.Tests.Manifests;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>
/// Config drift: every variable a CoProduce container gets, from its <c>env</c> or from a ConfigMap or
/// Secret it loads with <c>envFrom</c>, names a setting the application reads.
/// </summary>
public static class SettingsRules
{
    public const string ImagePrefix = "registry.example.org/coproduce/";

    public static IEnumerable<string> Check(IReadOnlyList<Manifest> manifests)
    {
        var sources = manifests.Where(m => m.Kind is "ConfigMap" or "Secret").ToList();
        var reported = new HashSet<string>();
        foreach (var workload in manifests)
        {
            foreach (var container in Workloads.Containers(workload).Where(c => c.Text("image")?.StartsWith(ImagePrefix, StringComparison.Ordinal) == true))
            {
                foreach (var name in container.Maps("env").Select(e => e.Text("name") ?? "").Where(n => !KnownSettings.IsKnown(n)))
                {
                    yield return $"{workload} container '{container.Text("name")}': env '{name}' is not a setting CoProduce reads";
                }

                foreach (var from in container.Maps("envFrom"))
                {
                    var (kind, reference) = from.Map("configMapRef") is { } map ? ("ConfigMap", map) : ("Secret", from.Map("secretRef"));
                    var source = sources.FirstOrDefault(s => s.Kind == kind && s.Name == reference?.Text("name") && s.Namespace == workload.Namespace);
                    IEnumerable<string> keys = source is null ? [] : [.. Keys(source, "data"), .. Keys(source, "stringData")];
                    foreach (var key in keys.Where(k => !KnownSettings.IsKnown(k)))
                    {
                        if (reported.Add($"{source}:{key}"))
                        {
                            yield return $"{source}: '{key}' is not a setting CoProduce reads";
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Keys(Manifest source, string field) => source.Body.Map(field)?.Keys ?? Enumerable.Empty<string>();
}
