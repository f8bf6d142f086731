using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Gateway.Invitations;
using CoProduce.Gateway.Live;
using CoProduce.Grains.Common;
using CoProduce.Grains.Jobs;
using CoProduce.Grains.Payments.Payouts;
using CoProduce.Journal.Storage;
using CoProduce.Clustering;
using CoProduce.Clustering.Storage;
using Orleans.Configuration;
using CoProduce.Telemetry;

namespace CoProduce.Deployment.Tests.Rules;

/// <summary>
/// The settings the gateway and the silo read, taken from their option types (every publicly settable
/// property under its section), plus the few variables the framework itself reads. An environment
/// variable <c>CoProduce__Storage__Provider</c> is the setting <c>CoProduce:Storage:Provider</c>.
/// </summary>
public static class KnownSettings
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (AuthOptions.Section, typeof(AuthOptions)),
        (ClusterStorageOptions.SectionName, typeof(ClusterStorageOptions)),
        (CoProduceClusterOptions.SectionName, typeof(CoProduceClusterOptions)),
        (MembershipTuning.SectionName, typeof(ClusterMembershipOptions)),
        (DirectoryCacheTuning.SectionName, typeof(GrainDirectoryOptions)),
        (ClusterSiloBuilderExtensions.RemindersSectionName, typeof(ReminderOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
        (JobsOptions.SectionName, typeof(JobsOptions)),
        (PaymentsOptions.SectionName, typeof(PaymentsOptions)),
        (LiveOptions.Section, typeof(LiveOptions)),
        (RateLimitOptions.Section, typeof(RateLimitOptions)),
        (InvitationLinkOptions.Section, typeof(InvitationLinkOptions)),
    ];

    /// <summary>Read by ASP.NET Core, the .NET host or the OpenTelemetry exporter (and the pod's address), not from CoProduce's option types.</summary>
    private static readonly HashSet<string> FrameworkVariables =
    [
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", CoProduceClusterOptions.PodIpVariable, "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_RESOURCE_ATTRIBUTES",
    ];

    public static IReadOnlySet<string> Settings { get; } = new HashSet<string>(
        Sections.SelectMany(s => s.Options.GetProperties()
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => $"{s.Section}:{p.Name}"))
            .Append(InvitationsApi.LinkBaseSetting)
            .Append(AnonymityKey.Setting),
        StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(string environmentVariable) =>
        FrameworkVariables.Contains(environmentVariable) || Settings.Contains(environmentVariable.Replace("__", ":", StringComparison.Ordinal));
}
