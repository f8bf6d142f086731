using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace CoProduce.Telemetry.Tests;

/// <summary>What the log export receives from Orleans' categories, inside and outside an unattributed scope.</summary>
public sealed class UnattributedLogsTests : IDisposable
{
    private readonly Captured _captured = new();
    private readonly ILoggerFactory _loggers;

    public UnattributedLogsTests() => _loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
    {
        options.IncludeFormattedMessage = true;
        options.AddProcessor(new UnattributedLogs());
        options.AddProcessor(_captured);
    }));

    [Fact]
    public void AnOrleansLineWrittenWhileUnattributedIsExportedAsItsTemplateWithoutValuesOrException()
    {
        var person = Guid.NewGuid().ToString("N");
        using (Unattributed.Begin())
        {
            ActivationFailed(_loggers.CreateLogger("Orleans.Runtime.Catalog"), person);
        }

        var line = Assert.Single(_captured.Lines);
        Assert.Equal("Activation of grain {Grain} failed", line.Message);
        Assert.Equal(Unattributed.Withheld, line.Values["Grain"]);
        Assert.Null(line.Exception);
        Assert.DoesNotContain(person, line.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OrleansLinesOutsideTheScopeAndCoProducesOwnLinesAreLeftAsWritten()
    {
        var person = Guid.NewGuid().ToString("N");
        ActivationFailed(_loggers.CreateLogger("Orleans.Runtime.Catalog"), person);
        using (Unattributed.Begin())
        {
            // CoProduce's own categories write Unattributed.Key themselves; their lines are not rewritten.
            ActivationFailed(_loggers.CreateLogger("CoProduce.Grains"), person);
        }

        Assert.Equal(2, _captured.Lines.Count);
        Assert.All(_captured.Lines, line => Assert.Contains(person, line.Message, StringComparison.Ordinal));
        Assert.All(_captured.Lines, line => Assert.NotNull(line.Exception));
    }

    private static void ActivationFailed(ILogger logger, string person)
    {
#pragma warning disable CA1848, CA2254 // a log line as Orleans writes one, with a message template
        logger.LogWarning(new InvalidOperationException($"no activation for person/{person}"), "Activation of grain {Grain} failed", $"person/{person}");
#pragma warning restore CA1848, CA2254
    }

    public void Dispose() => _loggers.Dispose();

    private sealed record Line(string? Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception)
    {
        public override string ToString() => $"{Message} {string.Join(" ", Values.Values)} {Exception?.Message}";
    }

    /// <summary>Copies each record as the exporter would read it (records are pooled, so they are copied at once).</summary>
    private sealed class Captured : BaseProcessor<LogRecord>
    {
        public List<Line> Lines { get; } = [];

        public override void OnEnd(LogRecord data) => Lines.Add(new Line(
            data.FormattedMessage,
            (data.Attributes ?? []).ToDictionary(attribute => attribute.Key, attribute => attribute.Value),
            data.Exception));
    }
}
