using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public sealed record BallotCast(string Voter);

public sealed record BallotState
{
    public HashSet<string> Voters { get; init; } = [];
}

public interface IBallotBoxGrain : IGrainWithStringKey
{
    Task Cast(string voter);

    /// <summary>Raises a cast, then waits for the probe's "refuse" signal and fails without writing.</summary>
    Task CastThenRefuse(string voter);

    Task<IReadOnlyCollection<string>> Voters();
}

/// <summary>A reentrant grain whose concurrent casts share writes (group commit).</summary>
[Reentrant]
public sealed class BallotBoxGrain([PersistentState("ballots")] IPersistentState<BallotState> state, TestProbe probe) : Grain, IBallotBoxGrain
{
    public Task Cast(string voter)
    {
        state.State.Voters.Add(voter);
        RaiseEvent(new BallotCast(voter));
        probe.Increment($"cast:{GrainId.Key}");
        return state.WriteStateCoalescedAsync();
    }

    public async Task CastThenRefuse(string voter)
    {
        RaiseEvent(new BallotCast(voter));
        await probe.WhenSignalled($"refuse:{GrainId.Key}");
        throw new InvalidOperationException($"{voter} was refused after raising the event.");
    }

    public Task<IReadOnlyCollection<string>> Voters() => Task.FromResult<IReadOnlyCollection<string>>(state.State.Voters);
}
