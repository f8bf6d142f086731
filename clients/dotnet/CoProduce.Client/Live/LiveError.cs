using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Client.Live;

/// <summary>
/// A refusal from the hub: its kind (<c>NotAMember</c>, <c>NotJoined</c>, <c>Forbidden</c>, <c>NotFound</c>,
/// <c>Conflict</c>, <c>PreconditionFailed</c>, <c>Invalid</c>, <c>RateLimited</c>, <c>Unavailable</c>) and why. A connection the
/// server closes says why the same way: <c>Unauthorized</c> when its token expired (connect again with a new one),
/// <c>RateLimited</c> when the person already holds as many connections as they may.
/// </summary>
public sealed record LiveError(string Kind, string Reason)
{
    private const string Marker = "HubException: ";

    /// <summary>Reads the hub's "Kind: why" out of the error SignalR delivers; null if it is not one.</summary>
    public static LiveError? From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not HubException)
        {
            return null;
        }

        var message = exception.Message;
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + Marker.Length)..] : message;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !text[..colon].Contains(' ', StringComparison.Ordinal)
            ? new LiveError(text[..colon], text[(colon + 1)..].Trim())
            : new LiveError("Error", text);
    }
}
