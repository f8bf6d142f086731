using System.Collections.Concurrent;

namespace CoProduce.Cluster.Tests;

/// <summary>What the clients saw: retryable errors by kind, and every wrong answer or non-retryable error.</summary>
public sealed class ClientLog
{
    private readonly ConcurrentDictionary<string, int> _retryable = new();
    private readonly ConcurrentQueue<string> _violations = new();

    public IReadOnlyDictionary<string, int> Retryable => _retryable;

    public IReadOnlyCollection<string> Violations => _violations;

    public int MovedClients => _retryable.GetValueOrDefault("moved to the other gateway");

    public void RetryableError(string kind) => _retryable.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Violation(string what) => _violations.Enqueue(what);

    public string Summary() =>
        string.Join(", ", _retryable.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}"));
}
