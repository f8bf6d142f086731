using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProduce.Gateway.Tests;

/// <summary>
/// Orleans ends the process on a fatal error (a silo told it is dead). In the test process that would end every test of
/// the run with it; here the error is logged as critical and the host is stopped, so only the test that caused it fails.
/// </summary>
internal sealed partial class TestFatalErrorHandler(ILogger<TestFatalErrorHandler> logger, IHostApplicationLifetime lifetime) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender, string? context, Exception? exception)
    {
        LogFatal(logger, sender, context, exception);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Orleans reported a fatal error from {Sender}: {Context}")]
    private static partial void LogFatal(ILogger logger, object? sender, string? context, Exception? exception);
}
