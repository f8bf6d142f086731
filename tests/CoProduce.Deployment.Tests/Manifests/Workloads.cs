namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>Where pods hide in each kind of workload.</summary>
public static class Workloads
{
    private static readonly HashSet<string> Templated = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

    /// <summary>Workloads that run until stopped, so their containers need probes (a Job's run to completion).</summary>
    public static bool IsLongRunning(Manifest manifest) => manifest.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet";

    public static Dictionary<string, object?>? PodTemplate(Manifest manifest) =>
        Templated.Contains(manifest.Kind) ? manifest.Body.At("spec", "template")
        : manifest.Kind == "CronJob" ? manifest.Body.At("spec", "jobTemplate", "spec", "template")
        : null;

    public static Dictionary<string, object?>? PodSpec(Manifest manifest) =>
        manifest.Kind == "Pod" ? manifest.Body.Map("spec") : PodTemplate(manifest)?.Map("spec");

    /// <summary>Containers and init containers.</summary>
    public static IEnumerable<Dictionary<string, object?>> Containers(Manifest manifest) =>
        PodSpec(manifest) is { } spec ? spec.Maps("initContainers").Concat(spec.Maps("containers")) : [];

    public static Dictionary<string, string> PodLabels(Manifest manifest) =>
        PodTemplate(manifest)?.At("metadata", "labels") is { } labels
            ? labels.Where(l => l.Value is string).ToDictionary(l => l.Key, l => (string)l.Value!)
            : [];
}
