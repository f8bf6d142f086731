using CoProduce.Journal.State;

namespace CoProduce.Grains.SignIn;

/// <summary>One person's token revocation time, kept so that every node refuses the same tokens.</summary>
[GrainType("signin")]
public sealed class SignInGrain([JournaledState("signin")] IJournaledState<SignInState> state, TimeProvider time) : JournaledGrain, ISignInGrain
{
    public Task<DateTimeOffset?> RevokedBefore() => Task.FromResult(state.State.RevokedBefore);

    public async Task<DateTimeOffset> RevokeTokens(Guid requestedBy)
    {
        var now = time.GetUtcNow();
        var cutOff = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 1);
        if (state.State.RevokedBefore is { } earlier && earlier >= cutOff)
        {
            return earlier;
        }

        state.State = new SignInState { RevokedBefore = cutOff };
        RaiseEvent(new TokensRevoked(this.GetPrimaryKey(), requestedBy, cutOff));
        await state.WriteStateAsync();
        return cutOff;
    }
}

public sealed record SignInState
{
    public DateTimeOffset? RevokedBefore { get; init; }
}

/// <summary>Every token of <c>PersonId</c> issued before <c>Before</c> was revoked, at <c>RequestedBy</c>'s request.</summary>
public sealed record TokensRevoked(Guid PersonId, Guid RequestedBy, DateTimeOffset Before);
