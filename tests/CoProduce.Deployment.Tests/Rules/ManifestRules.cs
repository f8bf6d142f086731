using CoProduce.Deployment.Tests.Manifests;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>Every rule over one built set of manifests; an empty answer means the set is fit to apply.</summary>
public static class ManifestRules
{
    public static IReadOnlyList<string> Check(IReadOnlyList<Manifest> manifests) =>
    [
        .. manifests.SelectMany(ContainerRules.Check),
        .. ServiceRules.Check(manifests),
        .. SettingsRules.Check(manifests),
        .. GatewayRules.Check(manifests),
        .. SecretRules.Check(manifests),
    ];
}
