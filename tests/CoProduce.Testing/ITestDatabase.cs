namespace CoProduce.Testing;

/// <summary>A database a test class owns: its storage settings for a silo.</summary>
public interface ITestDatabase
{
    string Provider { get; }

    IReadOnlyDictionary<string, string?> StorageSettings { get; }
}
