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
}
