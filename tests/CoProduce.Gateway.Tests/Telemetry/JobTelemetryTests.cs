using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoProduce.Gateway.Tests.Payments;
using CoProduce.Telemetry;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>A payout run, a background job on Hangfire, is a span of its own with its duration measured inside it.</summary>
public sealed class JobTelemetryTests
{
    [Fact]
    public async Task APayoutRunIsASpanAndAJobDurationMeasurement()
    {
        var spans = new ConcurrentQueue<Activity>();
        var measured = new ConcurrentQueue<(string Run, double Seconds, string? Job, string? Outcome)>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CoProduceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CoProduceTelemetry.Name && instrument.Name == "coproduce.job.run.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            // Recorded inside the job's span, so the span names the run and other tests' runs are told apart.
            var run = Activity.Current?.GetTagItem(JobRunScope.RunTag) as string;
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            measured.Enqueue((run ?? "", value, all.GetValueOrDefault(CoProduceTelemetry.JobTag), all.GetValueOrDefault(CoProduceTelemetry.OutcomeTag)));
        });
        meters.Start();

        await using var app = new GatewayApplication(settings: ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        await world.Choose(world.People.Contributor, "Accept");
        await world.Approve(PaymentsWorld.Id(await world.Claim(world.People.Contributor, PaymentsWorld.Meeting(1))));
        var run = (await world.PayOut()).GetProperty("id").GetGuid().ToString("D");

        // The run's status is written before its span ends; wait for the span, which ends right after.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!spans.Any(s => IsRun(s, run)))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "No span of the payout run ended.");
            await Task.Delay(10);
        }

        var span = Assert.Single(spans, s => IsRun(s, run));
        Assert.Equal("payout", span.GetTagItem(CoProduceTelemetry.JobTag));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        var measurement = Assert.Single(measured, m => m.Run == run);
        Assert.Equal(("payout", "ok"), (measurement.Job, measurement.Outcome));
        Assert.InRange(measurement.Seconds, 0, span.Duration.TotalSeconds);
    }

    private static bool IsRun(Activity span, string run) =>
        span.OperationName == "job payout" && Equals(span.GetTagItem(JobRunScope.RunTag), run);
}
