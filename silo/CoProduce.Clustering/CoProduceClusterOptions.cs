namespace CoProduce.Clustering;

/// <summary>
/// The settings of configuration section <c>CoProduce:Cluster</c>: who this node is in the cluster and how it is
/// reached. ServiceId is part of every stored grain-state and reminder row, so it is pinned here and never left to
/// Orleans' "dev" default.
/// </summary>
public sealed class CoProduceClusterOptions
{
    public const string SectionName = "CoProduce:Cluster";
    public const string DefaultServiceId = "coproduce";
    public const string DefaultClusterId = "coproduce";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(40);

    /// <summary>The environment variable Kubernetes fills with the pod's address (downward API).</summary>
    public const string PodIpVariable = "POD_IP";

    /// <summary>Identifies the stored data across deployments; changing it orphans every grain state and reminder.</summary>
    public string ServiceId { get; set; } = DefaultServiceId;

    /// <summary>Identifies one running cluster; silos with the same ClusterId find each other.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Port for Orleans clients outside the cluster.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>The address other silos reach this one on; else <see cref="PodIpVariable"/>, else loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// This node is the whole cluster: membership in memory (Orleans' localhost clustering) even on PostgreSQL, so no
    /// other node can join. For a single-node deployment on PostgreSQL and for tests that start one host after another on
    /// one database; several nodes on one database must leave it off (they would each activate the same grains).
    /// </summary>
    public bool SingleNode { get; set; }

    /// <summary>
    /// How long stopping the host may take, so Orleans can deactivate grains, hand over the directory and leave the
    /// membership table. Kubernetes' terminationGracePeriodSeconds must exceed it plus the preStop sleep (k8s/: 60 > 10 + 40).
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    internal static string Key(string setting) => $"{SectionName}:{setting}";
}
