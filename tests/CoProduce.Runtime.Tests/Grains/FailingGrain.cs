using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Runtime.Tests.Grains;

public sealed class GrainRuleBrokenException(string message) : Exception(message);

public interface IFailingGrain : IGrainWithStringKey
{
    Task<int> ThrowAfterAwait(string message);

    Task ThrowAtOnce(string message);

    Task<int> Read();
}

public sealed record FailingState
{
    public int Reads { get; init; }
}

public sealed class FailingGrain([PersistentState("failing")] IPersistentState<FailingState> state) : Grain, IFailingGrain
{
    public async Task<int> ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new GrainRuleBrokenException(message);
    }

    public Task ThrowAtOnce(string message) => throw new GrainRuleBrokenException(message);

    public Task<int> Read() => Task.FromResult(state.State.Reads);
}
