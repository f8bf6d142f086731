using CoProduce.Journal.State;

namespace CoProduce.Journal.Tests.Grains;

[GrainType("counter")]
public sealed class CounterGrain([JournaledState("counter")] IJournaledState<CounterState> counter) : Grain, ICounterGrain
{
    private readonly Guid _activation = Guid.NewGuid();
    private int _totalAtActivation = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state must already be read here.
        _totalAtActivation = counter.State.Total;
        return Task.CompletedTask;
    }

    public async Task<int> Add(int amount, bool poison = false)
    {
        for (var i = 0; i < amount; i++)
        {
            counter.State.Total++;
            counter.RaiseEvent(new Added(1, counter.State.Total));
        }

        if (poison)
        {
            counter.RaiseEvent(new Poison("injected"));
        }

        await counter.WriteStateAsync();
        return counter.State.Total;
    }

    public Task Note(string text)
    {
        counter.RaiseEvent(new Noted(text));
        return counter.FlushEventsAsync();
    }

    public Task RaiseThenFail()
    {
        counter.RaiseEvent(new Noted("never written"));
        throw new InvalidOperationException("The call fails after raising an event.");
    }

    public Task Remember(string text)
    {
        counter.State.Notes.Add(text);
        return counter.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Remembered() => Task.FromResult<IReadOnlyList<string>>([.. counter.State.Notes]);

    public Task<CounterView> Get() =>
        Task.FromResult(new CounterView(counter.State.Total, counter.Etag, counter.RecordExists, _activation, _totalAtActivation));

    public async Task<long> LastSequence() => await counter.GetLastEventSequenceAsync();

    public Task Clear() => counter.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
