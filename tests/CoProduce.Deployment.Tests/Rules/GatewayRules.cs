using System.Globalization;
using CoProduce.Deployment.Tests.Manifests;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>
/// The gateway stays up through rollouts and node drains, and drains its live sessions in time: at
/// least two replicas (and an autoscaler that keeps two), a disruption budget, and a grace period longer
/// than the preStop sleep plus the host's configured shutdown deadline.
/// </summary>
public static class GatewayRules
{
    public const string Name = "coproduce-gateway";

    public static IEnumerable<string> Check(IReadOnlyList<Manifest> manifests)
    {
        var gateway = manifests.SingleOrDefault(m => m.Kind == "Deployment" && m.Name == Name);
        if (gateway is null)
        {
            yield return $"there is no Deployment {Name}";
            yield break;
        }

        if (gateway.Body.At("spec")?.Number("replicas") is < 2)
        {
            yield return $"{gateway}: fewer than 2 replicas";
        }

        var hpa = manifests.FirstOrDefault(m => m.Kind == "HorizontalPodAutoscaler" && m.Body.At("spec", "scaleTargetRef")?.Text("name") == Name);
        if (hpa?.Body.At("spec")?.Number("minReplicas") is not >= 2)
        {
            yield return $"no HorizontalPodAutoscaler keeps at least 2 replicas of {Name}";
        }

        var labels = Workloads.PodLabels(gateway);
        var budget = manifests.Any(m => m.Kind == "PodDisruptionBudget"
            && m.Body.At("spec", "selector", "matchLabels") is { Count: > 0 } match
            && match.All(l => labels.GetValueOrDefault(l.Key) == l.Value as string));
        if (!budget)
        {
            yield return $"no PodDisruptionBudget covers {Name}";
        }

        var pod = Workloads.PodSpec(gateway)!;
        var container = pod.Maps("containers").First();
        var preStop = container.At("lifecycle", "preStop", "sleep")?.Number("seconds");
        if (preStop is null)
        {
            yield return $"{gateway}: no preStop sleep, so requests still arrive while it shuts down";
        }

        var grace = pod.Number("terminationGracePeriodSeconds") ?? 30;
        var shutdown = ShutdownTimeout(manifests, container);
        if (grace <= (preStop ?? 0) + shutdown.TotalSeconds)
        {
            yield return $"{gateway}: terminationGracePeriodSeconds {grace} is not more than preStop {preStop ?? 0} s + shutdown timeout {shutdown.TotalSeconds} s";
        }
    }

    private static TimeSpan ShutdownTimeout(IReadOnlyList<Manifest> manifests, Dictionary<string, object?> container)
    {
        const string Variable = "CoProduce__Cluster__ShutdownTimeout";
        var value = container.Maps("env").FirstOrDefault(e => e.Text("name") == Variable)?.Text("value")
            ?? container.Maps("envFrom").Select(f => f.Map("configMapRef")?.Text("name"))
                .Select(name => manifests.FirstOrDefault(m => m.Kind == "ConfigMap" && m.Name == name)?.Body.Map("data")?.Text(Variable))
                .FirstOrDefault(v => v is not null);
        // Unset, the cluster default applies (40 s).
        return value is null ? TimeSpan.FromSeconds(40) : TimeSpan.Parse(value, CultureInfo.InvariantCulture);
    }
}
