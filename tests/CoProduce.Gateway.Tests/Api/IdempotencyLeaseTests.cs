using CoProduce.Grains.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Api;

/// <summary>
/// An Idempotency-Key whose first attempt never finished (its node died mid-request) is not stuck "in
/// progress" for ever: after the lease a retry proceeds, and the lost attempt can no longer complete it.
/// </summary>
public sealed class IdempotencyLeaseTests
{
    private static readonly StoredResponse First = new(201, null, "first", "/api/x/1", null);
    private static readonly StoredResponse Second = new(201, null, "second", "/api/x/2", null);

    [Fact]
    public async Task AnAttemptThatNeverFinishedHoldsItsKeyOnlyForTheLease()
    {
        var clock = new ManualTimeProvider();
        await using var app = new GatewayApplication(configureServices: services => services.AddSingleton<TimeProvider>(clock));
        var key = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>($"lease-{Guid.NewGuid():N}");

        var lost = await key.Begin("hash");
        Assert.Equal(IdempotencyOutcome.Proceed, lost.Outcome);

        clock.Advance(IIdempotencyGrain.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyOutcome.InProgress, (await key.Begin("hash")).Outcome);
        Assert.Equal(IdempotencyOutcome.Mismatch, (await key.Begin("other hash")).Outcome);

        clock.Advance(TimeSpan.FromSeconds(2));
        var retry = await key.Begin("hash");
        Assert.Equal(IdempotencyOutcome.Proceed, retry.Outcome);
        Assert.NotEqual(lost.Attempt, retry.Attempt);

        // The lost attempt turning up late neither completes nor clears the key the retry now holds.
        await key.Complete(lost.Attempt, First);
        await key.Abandon(lost.Attempt);
        Assert.Equal(IdempotencyOutcome.InProgress, (await key.Begin("hash")).Outcome);

        await key.Complete(retry.Attempt, Second);
        var replay = await key.Begin("hash");
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal("second", replay.Response!.Body);

        clock.Advance(IIdempotencyGrain.Lease * 10);
        Assert.Equal(IdempotencyOutcome.Replay, (await key.Begin("hash")).Outcome);
    }

    [Fact]
    public async Task AnAbandonedAttemptLetsTheRetryProceedAtOnce()
    {
        await using var app = new GatewayApplication();
        var key = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>($"abandon-{Guid.NewGuid():N}");

        var failed = await key.Begin("hash");
        await key.Abandon(failed.Attempt);

        Assert.Equal(IdempotencyOutcome.Proceed, (await key.Begin("hash")).Outcome);
    }
}
