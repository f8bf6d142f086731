using System.Globalization;
using System.Security.Claims;
using CoProduce.Grains.SignIn;
using CoProduce.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Whether a valid token was revoked since it was issued. Asked by the bearer handler on every request and
/// hub connection; the live hub may ask it again for a connection that stays open. What each person's
/// revocation time is gets cached for <see cref="AuthOptions.RevocationCheckInterval"/>; the node that
/// records a revocation forgets its cached copy at once.
/// </summary>
public sealed class TokenRevocation(IGrainFactory grains, IMemoryCache cache, AuthOptions options)
{
    /// <summary>True when the principal's token was issued before its person's revocation time.</summary>
    public async Task<bool> IsRevokedAsync(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var personId))
        {
            return true;
        }

        var revokedBefore = await RevokedBeforeAsync(personId);
        if (revokedBefore is null)
        {
            return false;
        }

        // A token without an issue time cannot show it came after the revocation.
        return !long.TryParse(principal.FindFirstValue(TokenService.IssuedAtClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued)
            || DateTimeOffset.FromUnixTimeSeconds(issued) < revokedBefore;
    }

    /// <summary>Revokes every token of <paramref name="personId"/> issued so far; returns the cut-off.</summary>
    public async Task<DateTimeOffset> RevokeAsync(Guid personId, Guid requestedBy)
    {
        var cutOff = await grains.GetGrain<ISignInGrain>(personId).RevokeTokens(requestedBy);
        cache.Remove(Key(personId));
        return cutOff;
    }

    private async Task<DateTimeOffset?> RevokedBeforeAsync(Guid personId)
    {
        if (cache.TryGetValue(Key(personId), out DateTimeOffset? known))
        {
            return known;
        }

        // Asked for every request and hub connection, any of which may carry an anonymous ballot or answer: the
        // sign-in grain's key is the caller's id, so this check never names them in telemetry.
        DateTimeOffset? read;
        using (Unattributed.Begin())
        {
            read = await grains.GetGrain<ISignInGrain>(personId).RevokedBefore();
        }

        cache.Set(Key(personId), read, options.RevocationCheckInterval);
        return read;
    }

    private static (string, Guid) Key(Guid personId) => ("revoked-before", personId);
}
