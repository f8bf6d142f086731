namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>
/// Builds a kustomization the way <c>kubectl kustomize</c> does, for the fields k8s/ uses: resources
/// (files and directories), patches (strategic-merge files by path), images and namespace. Any other
/// field fails the build, so an overlay can never rely on something these tests would silently ignore.
/// </summary>
public static class Kustomize
{
    private static readonly HashSet<string> Fields = ["apiVersion", "kind", "namespace", "resources", "patches", "images"];
    private static readonly HashSet<string> ClusterScoped = ["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "IngressClass"];

    public static IReadOnlyList<Manifest> Build(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        var kustomization = Yaml.ReadDocuments(File.ReadAllText(file)).Single();
        if (kustomization.Keys.FirstOrDefault(key => !Fields.Contains(key)) is { } unknown)
        {
            throw new NotSupportedException($"{file}: '{unknown}' is not understood by the manifest tests; keep to {string.Join(", ", Fields)} or extend Kustomize.cs.");
        }

        var manifests = new List<Manifest>();
        foreach (var resource in kustomization.List("resources").Cast<string>())
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            manifests.AddRange(Directory.Exists(path) ? Build(path) : Read(path));
        }

        foreach (var patch in kustomization.Maps("patches"))
        {
            ApplyPatch(directory, patch, manifests);
        }

        foreach (var image in kustomization.Maps("images"))
        {
            SetImage(manifests, image);
        }

        if (kustomization.Text("namespace") is { } space)
        {
            foreach (var manifest in manifests.Where(m => !ClusterScoped.Contains(m.Kind)))
            {
                manifest.Body.Map("metadata")!["namespace"] = space;
            }
        }

        return manifests;
    }

    public static IReadOnlyList<Manifest> Read(string file) =>
        [.. Yaml.ReadDocuments(File.ReadAllText(file)).Select(document => new Manifest(document, Repository.Relative(file)))];

    private static void ApplyPatch(string directory, Dictionary<string, object?> patch, List<Manifest> manifests)
    {
        if (patch.Keys.Any(key => key != "path"))
        {
            throw new NotSupportedException($"{directory}: only patches given by 'path' (strategic merge) are understood.");
        }

        var file = Path.Combine(directory, patch.Text("path")!);
        foreach (var document in Yaml.ReadDocuments(File.ReadAllText(file)))
        {
            var target = new Manifest(document, file);
            var match = manifests.SingleOrDefault(m => m.Kind == target.Kind && m.Name == target.Name)
                ?? throw new InvalidOperationException($"{Repository.Relative(file)} patches {target.Id}, which the kustomization does not have.");
            StrategicMerge.Apply(match.Body, document);
        }
    }

    private static void SetImage(List<Manifest> manifests, Dictionary<string, object?> image)
    {
        var name = image.Text("name")!;
        foreach (var container in manifests.SelectMany(Workloads.Containers))
        {
            var reference = ImageReference.Parse(container.Text("image") ?? "");
            if (reference.Name == name)
            {
                container["image"] = (reference with
                {
                    Name = image.Text("newName") ?? reference.Name,
                    Tag = image.Text("newTag") ?? reference.Tag,
                }).ToString();
            }
        }
    }
}
