using System.Net;
using CoProduce.Clustering.Health;
using CoProduce.Clustering.Storage;
using CoProduce.Clustering.Telemetry;
using CoProduce.Journal.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CoProduce.Clustering;

public static class ClusterSiloBuilderExtensions
{
    /// <summary>The health check tag the readiness endpoint (<c>/health/ready</c>) selects.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The name of the membership health check.</summary>
    public const string MembershipHealthCheckName = "orleans-membership";

    /// <summary>The section Orleans' <see cref="ReminderOptions"/> are bound from.</summary>
    public const string RemindersSectionName = "CoProduce:Reminders";

    /// <summary>
    /// Puts this node in the CoProduce cluster, all from <paramref name="configuration"/>: pinned ServiceId and ClusterId,
    /// endpoints (section <c>CoProduce:Cluster</c>), membership tuned to declare a killed silo dead within 10 s, a grain
    /// directory cache bounded for a CoProduce node (<see cref="DirectoryCacheTuning"/>), and, by
    /// <c>CoProduce:Storage:Provider</c>, either embedded (localhost clustering, grain state and reminders in the SQLite
    /// file; also on PostgreSQL with <c>CoProduce:Cluster:SingleNode</c>) or PostgreSQL (membership, grain state and reminders through Orleans' ADO.NET providers). The database must
    /// have been migrated. Also registers the membership health check (tag <see cref="ReadyTag"/>), the host's
    /// shutdown timeout, and Orleans' call spans with the unattributed-call filters
    /// (<see cref="ClusterTelemetryExtensions.AddCoProduceCallTelemetry"/>). Settings are validated when the host starts.
    /// </summary>
    public static ISiloBuilder AddCoProduceCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;

        services.AddSingleton<IValidateOptions<CoProduceClusterOptions>, CoProduceClusterOptionsValidator>();
        // A grain whose activation fails on a database fault (PostgreSQL restarting) is answered with a rejection that
        // carries the exception. Orleans serializes exceptions of its known namespaces only; without Npgsql's, that
        // answer could not be sent and the caller got a serialization error (500) instead of "try again" (503).
        services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));
        services.AddOptions<CoProduceClusterOptions>().Bind(configuration.GetSection(CoProduceClusterOptions.SectionName)).ValidateOnStart();

        // Which membership provider is a build-time choice; everything else comes from the bound options.
        var provider = configuration[ClusterStorageOptions.Key(nameof(ClusterStorageOptions.Provider))];
        var singleNode = configuration.GetValue<bool>(CoProduceClusterOptions.Key(nameof(CoProduceClusterOptions.SingleNode)));
        if (string.Equals(provider, ClusterStorageOptions.PostgreSqlProvider, StringComparison.OrdinalIgnoreCase) && !singleNode)
        {
            silo.UseAdoNetClustering(clustering => clustering.Configure<IOptions<ClusterStorageOptions>>((options, storage) =>
            {
                var target = AdoNetTarget.From(storage.Value);
                options.Invariant = target.Invariant;
                options.ConnectionString = target.ConnectionString;
            }));
        }
        else
        {
            // Embedded (or SingleNode): one silo, in-memory membership. Its endpoint and ids are overridden below (registered later).
            silo.UseLocalhostClustering();
        }

        silo.AddCoProduceClusterStorage(configuration);
        services.AddOptions<ClusterOptions>().Configure<IOptions<CoProduceClusterOptions>>((options, cluster) =>
        {
            options.ServiceId = cluster.Value.ServiceId;
            options.ClusterId = cluster.Value.ClusterId;
        });
        services.AddOptions<EndpointOptions>().Configure<IOptions<CoProduceClusterOptions>>((options, cluster) =>
        {
            options.AdvertisedIPAddress = AdvertisedAddress(cluster.Value, Environment.GetEnvironmentVariable);
            options.SiloPort = cluster.Value.SiloPort;
            options.GatewayPort = cluster.Value.GatewayPort;
        });
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(MembershipTuning.Apply)
            .Bind(configuration.GetSection(MembershipTuning.SectionName));
        services.AddOptions<GrainDirectoryOptions>()
            .Configure(DirectoryCacheTuning.Apply)
            .Bind(configuration.GetSection(DirectoryCacheTuning.SectionName));
        // The host reads HostOptions while it is built, before start-up validation: read the one setting directly so
        // that bad cluster settings still fail at start with their validation message.
        services.AddOptions<HostOptions>().Configure(options => options.ShutdownTimeout = configuration.GetValue(
            CoProduceClusterOptions.Key(nameof(CoProduceClusterOptions.ShutdownTimeout)), CoProduceClusterOptions.DefaultShutdownTimeout));

        services.AddHealthChecks().AddCheck<ClusterMembershipHealthCheck>(MembershipHealthCheckName, tags: [ReadyTag]);
        silo.AddCoProduceCallTelemetry();
        return silo;
    }

    /// <summary>
    /// The cluster's storage without its membership: plain grain state (JSON of its records) through Orleans' ADO.NET
    /// grain storage as the default, reminders through Orleans' ADO.NET reminder table, and Orleans'
    /// <see cref="ReminderOptions"/> bound from <see cref="RemindersSectionName"/>, all on the database
    /// <c>CoProduce:Storage</c> names. <see cref="AddCoProduceCluster"/> adds it; a test cluster, which brings its own
    /// membership and endpoints, adds it alone.
    /// </summary>
    public static ISiloBuilder AddCoProduceClusterStorage(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddSingleton<IValidateOptions<ClusterStorageOptions>, ClusterStorageOptionsValidator>();
        services.AddOptions<ClusterStorageOptions>().Bind(configuration.GetSection(ClusterStorageOptions.SectionName)).ValidateOnStart();

        // Plain grain state is JSON of its records, as the journaled states are, so a renamed class still reads its rows.
        services.TryAddSingleton<JsonStateSerializer>();
        silo.AddAdoNetGrainStorageAsDefault(storage => storage.Configure<IOptions<ClusterStorageOptions>, JsonStateSerializer>((options, settings, json) =>
        {
            var target = AdoNetTarget.From(settings.Value);
            options.Invariant = target.Invariant;
            options.ConnectionString = target.ConnectionString;
            options.GrainStorageSerializer = json;
        }));
        silo.UseAdoNetReminderService(reminders => reminders.Configure<IOptions<ClusterStorageOptions>>((options, settings) =>
        {
            var target = AdoNetTarget.From(settings.Value);
            options.Invariant = target.Invariant;
            options.ConnectionString = target.ConnectionString;
        }));

        // Orleans' reminder settings (MinimumReminderPeriod, RefreshReminderListPeriod, ...) under CoProduce:Reminders.
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(RemindersSectionName));
        return silo;
    }

    /// <summary>The configured address, else the pod's (<see cref="CoProduceClusterOptions.PodIpVariable"/>), else loopback.</summary>
    internal static IPAddress AdvertisedAddress(CoProduceClusterOptions cluster, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(cluster.AdvertisedAddress))
        {
            return IPAddress.Parse(cluster.AdvertisedAddress);
        }

        return IPAddress.TryParse(environment(CoProduceClusterOptions.PodIpVariable), out var pod) ? pod : IPAddress.Loopback;
    }
}
