namespace CoProduce.Runtime.Hosting;

/// <summary>Grain runtime settings, section CoProduce:Runtime.</summary>
public sealed class GrainRuntimeOptions
{
    public const string SectionName = "CoProduce:Runtime";

    /// <summary>How long a caller waits for a grain's answer before a timeout error (Orleans default: 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is collected (Orleans default: 15 minutes).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (Orleans default: 1 minute).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long OnDeactivateAsync may take.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful shutdown waits for activations to finish and deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Other nodes write the same storage (gateways and silo workers on one PostgreSQL). Then every call
    /// first checks that the activation's copy is the stored version, and a call from outside the grains
    /// that meets a stale copy (before it starts or at its write) runs again on a fresh activation, up
    /// to <see cref="StaleRetries"/> times. Off for a single node, where Orleans' semantics hold as they are.
    /// </summary>
    public bool MultiNode { get; set; }

    /// <summary>How often a call from outside the grains is run again after meeting a stale copy (multi-node only).</summary>
    public int StaleRetries { get; set; } = 5;
}
