using CoProduce.Deployment.Tests.Manifests;
using CoProduce.Deployment.Tests.Rules;

namespace CoProduce.Deployment.Tests;

/// <summary>
/// The base and each overlay, built as <c>kubectl kustomize</c> builds them (patches applied by
/// <see cref="Kustomize"/>), pass every rule.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string[] AllBuilds = ["base", "overlays/development", "overlays/production"];

    public static TheoryData<string> Builds => [.. AllBuilds];

    [Theory]
    [MemberData(nameof(Builds))]
    public void BuildPassesEveryRule(string build)
    {
        var manifests = Kustomize.Build(Path.Combine(Repository.K8s, build));
        Assert.NotEmpty(manifests);
        Assert.Empty(ManifestRules.Check(manifests));
    }

    [Fact]
    public void EveryYamlFileUnderK8sParsesAndIsUsedByABuild()
    {
        var files = Directory.GetFiles(Repository.K8s, "*.yaml", SearchOption.AllDirectories);
        var built = AllBuilds.SelectMany(b => Kustomize.Build(Path.Combine(Repository.K8s, b))).Select(m => m.Source).ToHashSet();
        foreach (var file in files.Where(f => Path.GetFileName(f) != "kustomization.yaml"))
        {
            var documents = Yaml.ReadDocuments(File.ReadAllText(file));
            Assert.True(documents.Count > 0 && documents.All(d => d.Text("kind") is { Length: > 0 }), $"{file} is not a Kubernetes manifest");
            var isPatch = file.Contains($"{Path.DirectorySeparatorChar}patches{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
            Assert.True(isPatch || built.Contains(Repository.Relative(file)), $"{Repository.Relative(file)} is in no kustomization");
        }
    }

    [Fact]
    public void KnownSettingsComeFromTheOptionTypes()
    {
        Assert.Contains("CoProduce:Storage:ConnectionString", KnownSettings.Settings);
        Assert.Contains("CoProduce:Auth:SigningKey", KnownSettings.Settings);
        Assert.Contains("CoProduce:Cluster:ShutdownTimeout", KnownSettings.Settings);
        Assert.Contains("CoProduce:Telemetry:OtlpEndpoint", KnownSettings.Settings);
        Assert.Contains("CoProduce:Payments:ExportDirectory", KnownSettings.Settings);
        Assert.Contains("CoProduce:Live:ConnectionsPerPerson", KnownSettings.Settings);
        Assert.Contains("CoProduce:RateLimits:PerPersonPerMinute", KnownSettings.Settings);
        Assert.DoesNotContain("CoProduce:Telemetry:StandardEndpointSet", KnownSettings.Settings);
        Assert.True(KnownSettings.IsKnown("CoProduce__Storage__Provider"));
        Assert.False(KnownSettings.IsKnown("CoProduce__Storage__Password"));
    }
}
