namespace CoProduce.Journal.Storage;

/// <summary>
/// The storage settings are missing or wrong. Thrown at startup, before anything is served; the message
/// names the offending setting (its full configuration key is in <see cref="Setting"/>) and never
/// repeats a connection string, which may hold a password.
/// </summary>
public sealed class StorageConfigurationException(string setting, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The configuration key at fault, e.g. "CoProduce:Storage:Provider".</summary>
    public string Setting { get; } = setting;
}
