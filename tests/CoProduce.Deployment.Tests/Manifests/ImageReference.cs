namespace CoProduce.Deployment.Tests.Manifests;

/// <summary>An image reference split into name, tag and digest (<c>registry:5000/repo/name:tag@sha256:...</c>).</summary>
public sealed record ImageReference(string Name, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var digest = at >= 0 ? image[(at + 1)..] : null;
        var rest = at >= 0 ? image[..at] : image;
        // A colon after the last slash starts the tag; one before it belongs to a registry's port.
        var colon = rest.LastIndexOf(':');
        return colon > rest.LastIndexOf('/')
            ? new ImageReference(rest[..colon], rest[(colon + 1)..], digest)
            : new ImageReference(rest, null, digest);
    }

    public override string ToString() => Name + (Tag is null ? "" : $":{Tag}") + (Digest is null ? "" : $"@{Digest}");
}
