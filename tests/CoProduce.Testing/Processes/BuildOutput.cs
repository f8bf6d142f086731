namespace CoProduce.Testing.Processes;

/// <summary>Where the solution's build put a project's program, found from the running test's own build folder.</summary>
public static class BuildOutput
{
    /// <summary>The repository root: the nearest folder above the test's binaries holding CoProduce.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CoProduce.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CoProduce.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The built assembly of the project in <paramref name="projectFolder"/> (relative to the root, e.g.
    /// "gateway/CoProduce.Gateway"), in the same configuration and framework as the running test.
    /// </summary>
    public static string AssemblyOf(string projectFolder)
    {
        // AppContext.BaseDirectory is .../bin/<Configuration>/<framework>/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var name = Path.GetFileName(projectFolder.TrimEnd('/'));
        return Path.Combine(RepositoryRoot(), projectFolder, "bin", configuration, framework.Name, $"{name}.dll");
    }
}
