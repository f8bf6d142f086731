namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>
/// One Kubernetes object as parsed YAML: mappings are <c>Dictionary&lt;string, object?&gt;</c>, sequences
/// <c>List&lt;object?&gt;</c>, scalars strings. <see cref="Source"/> says which file it came from, for messages.
/// </summary>
public sealed record Manifest(Dictionary<string, object?> Body, string Source)
{
    public string Kind => Body.Text("kind") ?? "";

    public string Name => Body.Map("metadata")?.Text("name") ?? "";

    public string? Namespace => Body.Map("metadata")?.Text("namespace");

    public string Id => $"{Kind}/{Name}";

    public Manifest DeepCopy() => new((Dictionary<string, object?>)Yaml.Copy(Body)!, Source);

    public override string ToString() => $"{Id} ({Source})";
}
