using CoProduce.Deployment.Tests.Manifests;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>Every Service selects the pods of some workload in the same set (same namespace).</summary>
public static class ServiceRules
{
    public static IEnumerable<string> Check(IReadOnlyList<Manifest> manifests)
    {
        var pods = manifests.Where(m => Workloads.PodTemplate(m) is not null).ToList();
        foreach (var service in manifests.Where(m => m.Kind == "Service"))
        {
            if (service.Body.At("spec")?.Text("type") == "ExternalName")
            {
                continue;
            }

            var selector = service.Body.At("spec", "selector");
            if (selector is null || selector.Count == 0)
            {
                yield return $"{service}: has no selector, so it selects no pod";
                continue;
            }

            var selects = pods.Any(pod => pod.Namespace == service.Namespace
                && selector.All(label => Workloads.PodLabels(pod).GetValueOrDefault(label.Key) == label.Value as string));
            if (!selects)
            {
                yield return $"{service}: selector {string.Join(",", selector.Select(l => $"{l.Key}={l.Value}"))} selects no pod";
            }
        }
    }
}
