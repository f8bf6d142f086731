using CoProduce.Deployment.Tests.Manifests;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>Every container: a pinned image, requests and limits, a non-root security context; probes where it runs until stopped.</summary>
public static class ContainerRules
{
    public static IEnumerable<string> Check(Manifest workload)
    {
        var pod = Workloads.PodSpec(workload);
        if (pod is null)
        {
            yield break;
        }

        var init = pod.Maps("initContainers").ToHashSet();
        foreach (var container in Workloads.Containers(workload))
        {
            var where = $"{workload} container '{container.Text("name")}'";
            foreach (var problem in Image(container).Concat(Resources(container)).Concat(Security(pod, container)))
            {
                yield return $"{where}: {problem}";
            }

            if (Workloads.IsLongRunning(workload) && !init.Contains(container))
            {
                foreach (var probe in new[] { "readinessProbe", "livenessProbe" }.Where(p => container.Map(p) is null))
                {
                    yield return $"{where}: lacks a {probe}";
                }
            }
        }
    }

    private static IEnumerable<string> Image(Dictionary<string, object?> container)
    {
        var image = container.Text("image") ?? "";
        var reference = ImageReference.Parse(image);
        if (reference.Tag is null && reference.Digest is null)
        {
            yield return $"image '{image}' has no tag; pin one";
        }
        else if (string.Equals(reference.Tag, "latest", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"image '{image}' uses 'latest'; pin a version";
        }
    }

    private static IEnumerable<string> Resources(Dictionary<string, object?> container)
    {
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if (container.At("resources", kind)?.Text(resource) is null)
                {
                    yield return $"lacks resources.{kind}.{resource}";
                }
            }
        }
    }

    private static IEnumerable<string> Security(Dictionary<string, object?> pod, Dictionary<string, object?> container)
    {
        var podContext = pod.Map("securityContext");
        var own = container.Map("securityContext");
        var nonRoot = own?.Flag("runAsNonRoot") ?? podContext?.Flag("runAsNonRoot");
        var user = own?.Text("runAsUser") ?? podContext?.Text("runAsUser");
        if (nonRoot != true || user == "0")
        {
            yield return "lacks a non-root security context (runAsNonRoot: true and no runAsUser 0)";
        }

        if (own?.Flag("allowPrivilegeEscalation") != false)
        {
            yield return "lacks securityContext.allowPrivilegeEscalation: false";
        }
    }
}
