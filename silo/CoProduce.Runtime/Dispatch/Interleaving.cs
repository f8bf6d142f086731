namespace CoProduce.Runtime.Dispatch;

/// <summary>How a request may share its activation with other running requests.</summary>
internal enum Interleaving
{
    /// <summary>Runs alone (the turn-based default).</summary>
    None,

    /// <summary>May run alongside other read-only requests.</summary>
    ReadOnly,

    /// <summary>May run alongside anything.</summary>
    Always,
}
