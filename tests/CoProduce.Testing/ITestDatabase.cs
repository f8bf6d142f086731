namespace CoProduce.Testing;

/// <summary>A database a test class owns: its storage settings for a silo, and a dump of everything stored.</summary>
public interface ITestDatabase
{
    string Provider { get; }

    IReadOnlyDictionary<string, string?> StorageSettings { get; }

    /// <summary>
    /// Every grain state row (type, key, state, version, payload) and journal row, in a stable order, and the
    /// payment tables' rows. With <paramref name="everyTable"/>, a table that cannot be read fails the dump
    /// (after the gateway has started, every table exists); without, unmigrated payment tables count as empty.
    /// </summary>
    Task<IReadOnlyList<string>> DumpAsync(bool everyTable = false);
}
