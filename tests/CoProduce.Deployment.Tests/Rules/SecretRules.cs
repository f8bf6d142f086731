using CoProduce.Deployment.Tests.Manifests;
using CoProduce.Gateway.Auth;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>
/// Least reach: every egress rule names its destination (<c>to:</c>), never "anywhere on this port"; the
/// token signing key reaches the gateway only (the only place tokens are validated); and a published
/// (development) signing key is only ever given to a gateway running as Development, which is the only
/// environment in which the gateway accepts it.
/// </summary>
public static class SecretRules
{
    public const string SigningKeySetting = "CoProduce__Auth__SigningKey";

    public static IEnumerable<string> Check(IReadOnlyList<Manifest> manifests)
    {
        foreach (var policy in manifests.Where(m => m.Kind == "NetworkPolicy"))
        {
            foreach (var rule in policy.Body.At("spec")?.Maps("egress") ?? [])
            {
                if (rule.List("to").Count == 0)
                {
                    yield return $"{policy}: an egress rule without 'to:' lets pods reach anywhere on its ports";
                }
            }
        }

        var secrets = manifests.Where(m => m.Kind == "Secret").ToList();
        foreach (var workload in manifests.Where(m => Workloads.PodSpec(m) is not null))
        {
            foreach (var container in Workloads.Containers(workload))
            {
                var getsKey = container.Maps("envFrom").Select(f => f.Map("secretRef")?.Text("name")).Any(name =>
                        name == "coproduce-signing-key" || secrets.Any(s => s.Name == name && Values(s).ContainsKey(SigningKeySetting)))
                    || container.Maps("env").Any(e => e.Text("name") == SigningKeySetting);
                var isGateway = workload.Kind == "Deployment" && workload.Name == GatewayRules.Name;
                if (getsKey && !isGateway)
                {
                    yield return $"{workload} container '{container.Text("name")}': gets the token signing key, but only the gateway validates tokens";
                }

                if (isGateway && !getsKey)
                {
                    yield return $"{workload}: the gateway does not get the token signing key";
                }
            }
        }

        var gateway = manifests.FirstOrDefault(m => m.Kind == "Deployment" && m.Name == GatewayRules.Name);
        var development = gateway is not null && Workloads.Containers(gateway)
            .Any(c => c.Maps("env").Any(e => e.Text("name") == "ASPNETCORE_ENVIRONMENT" && e.Text("value") == "Development"));
        foreach (var secret in secrets)
        {
            var key = Values(secret).GetValueOrDefault(SigningKeySetting);
            if (key is not null && !development)
            {
                yield return $"{secret}: a signing key committed to the repository, for a gateway that does not run as Development";
            }

            if (key is not null && !SigningKeyRing.PublishedKeys.Contains(key))
            {
                yield return $"{secret}: a committed signing key that the gateway does not know as published, so it would accept it in production";
            }
        }
    }

    private static Dictionary<string, string> Values(Manifest secret)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, value) in secret.Body.Map("stringData") ?? [])
        {
            values[name] = value as string ?? "";
        }

        foreach (var (name, value) in secret.Body.Map("data") ?? [])
        {
            values[name] = value is string encoded ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : "";
        }

        return values;
    }
}
