using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// Quartz logs through one process-wide logger factory (<c>LogContext</c>) and creates loggers as it goes, one per
/// job execution among them. Handing it a host's own factory breaks every other scheduler in the process once
/// that host stops and disposes it: the next job cannot even be started. So Quartz gets this forwarder once, and
/// each running host attaches its factory while its scheduler runs; logs go to the newest host still running.
/// </summary>
internal static class QuartzLogging
{
    private static readonly Lock Gate = new();
    private static readonly List<ILoggerFactory> Attached = [];
    private static bool _installed;

    public static void Attach(ILoggerFactory factory)
    {
        lock (Gate)
        {
            Attached.Add(factory);
            if (!_installed)
            {
                Quartz.Logging.LogContext.SetCurrentLogProvider(new ForwardingFactory());
                _installed = true;
            }
        }
    }

    public static void Detach(ILoggerFactory factory)
    {
        lock (Gate)
        {
            Attached.Remove(factory);
        }
    }

    private static ILogger For(string category)
    {
        ILoggerFactory? current;
        lock (Gate)
        {
            current = Attached.Count > 0 ? Attached[^1] : null;
        }

        try
        {
            return current?.CreateLogger(category) ?? NullLogger.Instance;
        }
        catch (ObjectDisposedException)
        {
            // Its host stopped between the lookup and now.
            return NullLogger.Instance;
        }
    }

    private sealed class ForwardingFactory : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new ForwardingLogger(categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class ForwardingLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => For(category).BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => For(category).IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                For(category).Log(logLevel, eventId, state, exception, formatter);
            }
            catch (ObjectDisposedException)
            {
                // A host stopping while Quartz logs loses that line, never the job.
            }
        }
    }
}
