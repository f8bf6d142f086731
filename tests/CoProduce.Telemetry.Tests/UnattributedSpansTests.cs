using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CoProduce.Telemetry.Tests;

/// <summary>What the trace export receives from Orleans' spans, inside and outside an unattributed scope.</summary>
[Collection(TelemetryExportCollection.Name)]
public sealed class UnattributedSpansTests : IDisposable
{
    private static readonly ActivitySource Orleans = new("Microsoft.Orleans.Lifecycle");
    private readonly List<Activity> _ended = [];
    private readonly TracerProvider _tracing;

    public UnattributedSpansTests() => _tracing = Sdk.CreateTracerProviderBuilder()
        .AddSource(Orleans.Name)
        .AddProcessor(new UnattributedSpans())
        .AddProcessor(new Captured(_ended))
        .Build();

    [Fact]
    public void AGrainIdWithheldOnceStaysWithheldInLaterSpansWhileOthersShow()
    {
        var (person, other) = ($"person/{Guid.NewGuid():N}", $"person/{Guid.NewGuid():N}");
        using (Unattributed.Begin())
        {
            Span("activate grain", person);
        }

        Span("deactivate grain", person);
        Span("deactivate grain", other);

        Assert.Equal(
            [("activate grain", Unattributed.Withheld), ("deactivate grain", Unattributed.Withheld), ("deactivate grain", other)],
            _ended.Select(span => (span.DisplayName, span.GetTagItem("orleans.grain.id") as string)));
        Assert.Equal("person", _ended[0].GetTagItem("orleans.grain.type"));
        Assert.True(UnattributedSpans.IsMarked(_ended[0]));
        Assert.False(UnattributedSpans.IsMarked(_ended[2]));
    }

    private static void Span(string name, string grainId)
    {
        using var span = Orleans.StartActivity(name);
        span?.SetTag("orleans.grain.id", grainId);
        span?.SetTag("orleans.grain.type", "person");
    }

    public void Dispose() => _tracing.Dispose();

    private sealed class Captured(List<Activity> ended) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => ended.Add(data);
    }
}
