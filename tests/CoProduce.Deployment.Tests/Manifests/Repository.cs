namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>The repository these tests run in, found by walking up to CoProduce.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string K8s => Path.Combine(Root, "k8s");

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CoProduce.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CoProduce.sln above {AppContext.BaseDirectory}.");
    }
}
