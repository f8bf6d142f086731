using System.Diagnostics;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;
using CoProduce.Runtime.Tests.Grains;
using CoProduce.Telemetry;
using CoProduce.Testing;

namespace CoProduce.Runtime.Tests.Telemetry;

/// <summary>What an in-process listener sees of grain calls, activations, storage and ETag conflicts.</summary>
public abstract class TelemetryTests(ITestDatabase database)
{
    private const string Counter = "counter";

    [Fact]
    public async Task GrainCallsActivationsStorageWritesAndEtagConflictsAreRecorded()
    {
        var key = Guid.NewGuid().ToString("N");
        await using var one = await TestSilo.StartAsync(database);
        await using var two = await TestSilo.StartAsync(database);
        using var recorder = new TelemetryRecorder();
        var onOne = one.Grains.GetGrain<ICounterGrain>(key);
        var onTwo = two.Grains.GetGrain<ICounterGrain>(key);

        Assert.Equal(0, await onTwo.Value());
        Assert.Equal(1, await onOne.Increment());
        await Assert.ThrowsAsync<InconsistentStateException>(onTwo.Increment);

        var increments = recorder.Spans.Where(s => s.DisplayName == "counter/ICounterGrain.Increment").ToList();
        Assert.Equal(2, increments.Count);
        Assert.All(increments, s => Assert.Equal(key, s.GetTagItem(CoProduceTelemetry.GrainKeyTag)));
        Assert.Single(increments, s => s.Status == System.Diagnostics.ActivityStatusCode.Error);
        Assert.Contains(recorder.Spans, s => s.DisplayName == "activate counter");
        Assert.Contains(recorder.Spans, s => s.DisplayName == "storage write");

        var calls = recorder.Of("coproduce.grain.call.duration", (CoProduceTelemetry.GrainTypeTag, Counter), (CoProduceTelemetry.GrainMethodTag, "ICounterGrain.Increment"));
        Assert.Equal(["error", "ok"], calls.Select(m => (string)m.Tags[CoProduceTelemetry.OutcomeTag]!).Order());
        Assert.Equal(2, recorder.Of("coproduce.grain.activations", (CoProduceTelemetry.GrainTypeTag, Counter)).Count);
        Assert.Single(recorder.Of("coproduce.storage.operation.duration", (CoProduceTelemetry.StorageOperationTag, "write"), (CoProduceTelemetry.OutcomeTag, "ok")));
        Assert.Single(recorder.Of("coproduce.storage.operation.duration", (CoProduceTelemetry.StorageOperationTag, "write"), (CoProduceTelemetry.OutcomeTag, "error")));
        var conflict = Assert.Single(recorder.Of("coproduce.storage.etag_conflicts"));
        Assert.Equal(1, conflict.Value);
        Assert.Equal(Counter, conflict.Tags[CoProduceTelemetry.GrainTypeTag]);
    }

    [Fact]
    public async Task GrainWorkRunsInTheCallersTraceAcrossQueuesAndGrainCalls()
    {
        await using var silo = await TestSilo.StartAsync(database);
        using var root = new Activity("caller").Start();
        var expected = root.TraceId.ToHexString();

        // A first call waits for the activation, so it runs on another thread; it must keep the caller's trace.
        Assert.Equal(expected, await silo.Grains.GetGrain<ITraceGrain>(Guid.NewGuid().ToString("N")).TraceId());
        Assert.Equal(expected, await silo.Grains.GetGrain<ITraceGrain>(Guid.NewGuid().ToString("N")).TraceIdVia(Guid.NewGuid().ToString("N")));
    }
}

public sealed class SqliteTelemetryTests(SqliteDatabase database) : TelemetryTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresTelemetryTests(PostgresDatabase database) : TelemetryTests(database), IClassFixture<PostgresDatabase>;
