using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>
/// A logger provider that keeps every entry with the values of its scopes, as a JSON console formatter would print them.
/// Its own rules in configuration are under <c>Logging:Capture</c>.
/// </summary>
[ProviderAlias(Alias)]
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    public const string Alias = "Capture";

    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new Dictionary<string, object?>();
            capture._scopes.ForEachScope(static (scope, values) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        values[key] = value;
                    }
                }
            }, scopes);
            capture.Entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), scopes, exception));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scopes, Exception? Exception = null);
