using CoProduce.Deployment.Tests.Manifests;
using CoProduce.Deployment.Tests.Rules;

namespace CoProduce.Deployment.Tests;

/// <summary>What each overlay changes, after its patches: so a patch that stops applying is noticed.</summary>
public sealed class OverlayTests
{
    private static IReadOnlyList<Manifest> Build(string overlay) => Kustomize.Build(Path.Combine(Repository.K8s, "overlays", overlay));

    private static Manifest One(IReadOnlyList<Manifest> manifests, string kind, string name) =>
        Assert.Single(manifests, m => m.Kind == kind && m.Name == name);

    [Fact]
    public void DevelopmentRunsItsOwnPostgresWithDevelopmentSecretsAndSmallSizes()
    {
        var manifests = Build("development");
        Assert.All(manifests.Where(m => m.Kind != "Namespace"), m => Assert.Equal("coproduce-dev", m.Namespace));
        var postgres = One(manifests, "StatefulSet", "coproduce-postgres");
        Assert.Equal("1", postgres.Body.At("spec")!.Text("replicas"));
        var secret = One(manifests, "Secret", "coproduce-secrets").Body.Map("stringData")!;
        Assert.Contains("Host=coproduce-postgres", secret.Text("CoProduce__Storage__ConnectionString"), StringComparison.Ordinal);

        var gateway = Workloads.Containers(One(manifests, "Deployment", "coproduce-gateway")).Single();
        Assert.Equal("registry.example.org/coproduce/gateway:0.1.0-dev", gateway.Text("image"));
        Assert.Equal("100m", gateway.At("resources", "requests")!.Text("cpu"));
        // The patch merged into the container: the base's probes, ports and variables are still there.
        Assert.NotNull(gateway.Map("readinessProbe"));
        Assert.Contains(gateway.Maps("env"), e => e.Text("name") == "ASPNETCORE_HTTP_PORTS");
        Assert.Contains(gateway.Maps("env"), e => e.Text("name") == "ASPNETCORE_ENVIRONMENT");
        Assert.Equal("coproduce.localtest.me", One(manifests, "Ingress", "coproduce-projects").Body.At("spec")!.Maps("rules").Single().Text("host"));
    }

    [Fact]
    public void ProductionRefusesTheDevelopmentSigningKeyAndReachesOnlyItsDatabaseAndCollector()
    {
        var development = Build("development");
        var key = One(development, "Secret", "coproduce-signing-key").Body.Map("stringData")!.Text(SecretRules.SigningKeySetting);
        Assert.Contains(key, CoProduce.Gateway.Auth.SigningKeyRing.PublishedKeys);
        Assert.DoesNotContain(SecretRules.SigningKeySetting, One(development, "Secret", "coproduce-secrets").Body.Map("stringData")!.Keys);

        var production = Build("production");
        var gateway = Workloads.Containers(One(production, "Deployment", "coproduce-gateway")).Single();
        Assert.DoesNotContain(gateway.Maps("env"), e => e.Text("name") == "ASPNETCORE_ENVIRONMENT" && e.Text("value") == "Development");
        Assert.Empty(SecretRules.Check(production));
        var database = One(production, "NetworkPolicy", "coproduce-egress-postgres").Body.At("spec")!.Maps("egress").Single().Maps("to").Single();
        Assert.NotNull(database.Map("ipBlock"));
        Assert.All(production.Where(m => m.Kind is "Job" || (m.Kind == "Deployment" && m.Name != "coproduce-gateway")), workload =>
            Assert.DoesNotContain(Workloads.Containers(workload).SelectMany(c => c.Maps("envFrom")), f => f.Map("secretRef")?.Text("name") == "coproduce-signing-key"));
    }

    [Fact]
    public void ProductionUsesAnExternalPostgresAndExportsTelemetry()
    {
        var manifests = Build("production");
        Assert.DoesNotContain(manifests, m => m.Kind is "StatefulSet" or "Secret");
        Assert.All(manifests.Where(m => m.Kind != "Namespace"), m => Assert.Equal("coproduce", m.Namespace));
        var settings = One(manifests, "ConfigMap", "coproduce-settings").Body.Map("data")!;
        Assert.Equal("PostgreSql", settings.Text("CoProduce__Storage__Provider"));
        Assert.StartsWith("http://", settings.Text("CoProduce__Telemetry__OtlpEndpoint"), StringComparison.Ordinal);
        Assert.Equal("3", One(manifests, "HorizontalPodAutoscaler", "coproduce-gateway").Body.At("spec")!.Text("minReplicas"));

        var projects = One(manifests, "Ingress", "coproduce-projects");
        Assert.Equal("coproduce-tls", projects.Body.At("spec")!.Maps("tls").Single().Text("secretName"));
        Assert.Equal("$http_x_coproduce_project$arg_projectId", projects.Body.At("metadata", "annotations")!.Text("nginx.ingress.kubernetes.io/upstream-hash-by"));
    }
}
