using CoProduce.Deployment.Tests.Manifests;
using CoProduce.Deployment.Tests.Rules;

namespace CoProduce.Deployment.Tests;

/// <summary>Each rule catches a bad manifest: the base, built and then broken in one place.</summary>
public sealed class RuleTests
{
    private readonly List<Manifest> _manifests = [.. Kustomize.Build(Path.Combine(Repository.K8s, "base")).Select(m => m.DeepCopy())];

    private Manifest Get(string kind, string name) => _manifests.Single(m => m.Kind == kind && m.Name == name);

    private Dictionary<string, object?> Container(string deployment) => Workloads.Containers(Get("Deployment", deployment)).First();

    private string Violation(string expected)
    {
        var violations = ManifestRules.Check(_manifests);
        return Assert.Single(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TheUnbrokenBaseHasNoViolation() => Assert.Empty(ManifestRules.Check(_manifests));

    [Theory]
    [InlineData("readinessProbe")]
    [InlineData("livenessProbe")]
    public void ContainerWithoutAProbeIsCaught(string probe)
    {
        Container("coproduce-silo").Remove(probe);
        Assert.Contains("coproduce-silo", Violation($"lacks a {probe}"), StringComparison.Ordinal);
    }

    [Fact]
    public void JobContainersNeedNoProbes()
    {
        var migrate = Workloads.Containers(Get("Job", "coproduce-migrate")).Single();
        Assert.Null(migrate.Map("readinessProbe"));
        Assert.DoesNotContain(ManifestRules.Check(_manifests), v => v.Contains("coproduce-migrate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("requests", "cpu")]
    [InlineData("limits", "memory")]
    public void ContainerWithoutResourcesIsCaught(string kind, string resource)
    {
        Container("coproduce-gateway").At("resources", kind)!.Remove(resource);
        Violation($"lacks resources.{kind}.{resource}");
    }

    [Fact]
    public void ContainerThatMayRunAsRootIsCaught()
    {
        Container("coproduce-gateway").Map("securityContext")!.Remove("runAsNonRoot");
        Workloads.PodSpec(Get("Deployment", "coproduce-gateway"))!.Map("securityContext")!.Remove("runAsNonRoot");
        Assert.Contains("coproduce-gateway", Violation("lacks a non-root security context"), StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerRunningAsUserZeroIsCaught()
    {
        Container("coproduce-silo").Map("securityContext")!["runAsUser"] = "0";
        Violation("lacks a non-root security context");
    }

    [Fact]
    public void JobWithoutASecurityContextIsCaught()
    {
        var job = Get("Job", "coproduce-migrate");
        Workloads.Containers(job).Single().Remove("securityContext");
        Workloads.PodSpec(job)!.Remove("securityContext");
        Assert.Contains("coproduce-migrate", Violation("lacks a non-root security context"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registry.example.org/coproduce/gateway:latest", "uses 'latest'")]
    [InlineData("registry.example.org/coproduce/gateway", "has no tag")]
    [InlineData("registry.example.org:5000/coproduce/gateway", "has no tag")]
    public void UnpinnedImageIsCaught(string image, string expected)
    {
        Container("coproduce-gateway")["image"] = image;
        Violation(expected);
    }

    [Fact]
    public void ImagePinnedByDigestPasses()
    {
        Container("coproduce-gateway")["image"] = "registry.example.org/coproduce/gateway@sha256:" + new string('a', 64);
        Assert.Empty(ManifestRules.Check(_manifests));
    }

    [Fact]
    public void ServiceSelectingNoPodIsCaught()
    {
        Get("Service", "coproduce-silo").Body.At("spec", "selector")!["app.kubernetes.io/component"] = "silos";
        Assert.Contains("Service/coproduce-silo", Violation("selects no pod"), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceWithoutASelectorIsCaught()
    {
        Get("Service", "coproduce-gateway").Body.Map("spec")!.Remove("selector");
        Violation("has no selector");
    }

    [Fact]
    public void ConfigMapSettingTheAppDoesNotReadIsCaught()
    {
        Get("ConfigMap", "coproduce-settings").Body.Map("data")!["CoProduce__Storage__Conection"] = "typo";
        Violation("'CoProduce__Storage__Conection' is not a setting CoProduce reads");
    }

    [Fact]
    public void ContainerVariableTheAppDoesNotReadIsCaught()
    {
        Container("coproduce-silo").List("env").Add(new Dictionary<string, object?> { ["name"] = "CoProduce__Cluster__Timeout", ["value"] = "1" });
        Violation("env 'CoProduce__Cluster__Timeout' is not a setting");
    }

    [Fact]
    public void SecretKeyTheAppDoesNotReadIsCaught()
    {
        _manifests.Add(new Manifest(
            new Dictionary<string, object?>
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new Dictionary<string, object?> { ["name"] = "coproduce-secrets" },
                ["stringData"] = new Dictionary<string, object?> { ["CoProduce__Storage__Password"] = "x" },
            },
            "test"));
        Violation("'CoProduce__Storage__Password' is not a setting CoProduce reads");
    }

    [Fact]
    public void EgressWithoutADestinationIsCaught()
    {
        Get("NetworkPolicy", "coproduce-egress-otlp").Body.At("spec")!.Maps("egress").Single().Remove("to");
        Assert.Contains("coproduce-egress-otlp", Violation("without 'to:'"), StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKeyGivenToAnythingButTheGatewayIsCaught()
    {
        Container("coproduce-silo").List("envFrom").Add(new Dictionary<string, object?>
        {
            ["secretRef"] = new Dictionary<string, object?> { ["name"] = "coproduce-signing-key" },
        });
        Assert.Contains("coproduce-silo", Violation("only the gateway validates tokens"), StringComparison.Ordinal);
    }

    [Fact]
    public void ACommittedSigningKeyForAGatewayOutsideDevelopmentIsCaught()
    {
        _manifests.Add(new Manifest(
            new Dictionary<string, object?>
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new Dictionary<string, object?> { ["name"] = "coproduce-signing-key" },
                ["stringData"] = new Dictionary<string, object?> { [SecretRules.SigningKeySetting] = "c29tZW9uZS1lbHNlcy1rZXktdGhhdC1pcy0zMi1ieXRlcyE=" },
            },
            "test"));
        var violations = ManifestRules.Check(_manifests);
        Assert.Contains(violations, v => v.Contains("does not run as Development", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("does not know as published", StringComparison.Ordinal));
    }

    [Fact]
    public void GatewayWithOneReplicaIsCaught()
    {
        Get("Deployment", "coproduce-gateway").Body.Map("spec")!["replicas"] = "1";
        Violation("fewer than 2 replicas");
    }

    [Fact]
    public void GracePeriodShorterThanTheDrainIsCaught()
    {
        Get("ConfigMap", "coproduce-settings").Body.Map("data")!["CoProduce__Cluster__ShutdownTimeout"] = "00:01:00";
        Violation("is not more than preStop 10 s + shutdown timeout 60 s");
    }

    [Fact]
    public void GatewayWithoutADisruptionBudgetIsCaught()
    {
        _manifests.Remove(Get("PodDisruptionBudget", "coproduce-gateway"));
        Violation("no PodDisruptionBudget covers");
    }
}
