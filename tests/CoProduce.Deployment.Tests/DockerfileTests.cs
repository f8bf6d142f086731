using CoProduce.Deployment.Tests.Manifests;

namespace CoProduce.Deployment.Tests;

/// <summary>The images are built in stages from pinned bases and run as a non-root user.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => ["gateway/CoProduce.Gateway/Dockerfile", "silo/CoProduce.Silo/Dockerfile"];

    private static string[] Instructions(string dockerfile) =>
        [.. File.ReadAllLines(Path.Combine(Repository.Root, dockerfile)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void BaseImagesArePinned(string dockerfile)
    {
        var bases = Instructions(dockerfile).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        Assert.True(bases.Count >= 2, $"{dockerfile} is not multi-stage");
        Assert.All(bases, image =>
        {
            var reference = ImageReference.Parse(image);
            Assert.False(reference.Tag is null || reference.Tag == "latest", $"{dockerfile}: base image {image} is not pinned");
            Assert.Matches(@"\d+\.\d+\.\d+", reference.Tag);
        });
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void FinalStageRunsAsANumericNonRootUser(string dockerfile)
    {
        var lines = Instructions(dockerfile);
        var final = lines.Skip(Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        var user = final.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal))?.Split(' ')[1];
        Assert.True(int.TryParse(user, out var id) && id != 0, $"{dockerfile}: the final stage sets no numeric non-root USER");
        Assert.Contains(final, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildOutputsStayOutOfTheContext()
    {
        var ignored = File.ReadAllLines(Path.Combine(Repository.Root, ".dockerignore"));
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git", ignored);
    }
}
