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

    public Task<IReadOnlyCollection<string>> Voters() => Task.FromResult<IReadOnlyCollection<string>>(state.State.Voters);
}
