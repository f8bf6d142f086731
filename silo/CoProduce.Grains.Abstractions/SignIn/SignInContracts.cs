
namespace CoProduce.Grains.SignIn;

/// <summary>
/// A person's sign-in: the moment before which every token issued to them is revoked. Tokens are not
/// stored, so revoking is one time per person, checked on every request and hub connection.
/// </summary>
[Alias("coproduce.signin.ISignInGrain")]
public interface ISignInGrain : IGrainWithGuidKey
{
    /// <summary>Tokens issued before this moment are refused; null when the person never revoked any.</summary>
    [ReadOnly]
    Task<DateTimeOffset?> RevokedBefore();

    /// <summary>
    /// Revokes every token issued to the person up to now (their lost phone's, a leaked one's, their own).
    /// Tokens carry whole seconds, so the cut-off is the next whole second: a token issued later in this
    /// same second is refused too. Returns the cut-off. Recorded in the journal with who asked.
    /// </summary>
    Task<DateTimeOffset> RevokeTokens(Guid requestedBy);
}
