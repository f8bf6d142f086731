namespace CoProduce.Gateway.Live;

/// <summary>The word each hub error message starts with ("Kind: why"), so clients can tell refusals apart.</summary>
internal static class LiveErrors
{
    public const string NotJoined = "NotJoined";
    public const string NotAMember = "NotAMember";
    public const string RateLimited = "RateLimited";
    public const string Unavailable = "Unavailable";
    public const string Invalid = "Invalid";
    public const string Unauthorized = "Unauthorized";
}
