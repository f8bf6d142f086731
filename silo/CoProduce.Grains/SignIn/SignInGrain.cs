using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Grains.SignIn;

/// <summary>One person's token revocation time, kept so that every node refuses the same tokens.</summary>
[GrainType("signin")]
public sealed class SignInGrain([PersistentState("signin")] IPersistentState<SignInState> state, TimeProvider time) : Grain, ISignInGrain
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
        RaiseEvent(new TokensRevoked(GetPrimaryKey(), requestedBy, cutOff));
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
