using CoProduce.Grains.Organisations;
using CoProduce.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Whether a person holds a staff role in an organisation, asked for every token from the organisation's identity
/// provider. A yes is cached for <see cref="AuthOptions.RevocationCheckInterval"/>, so someone removed from the
/// organisation's staff is signed out of its provider's tokens within that time; a no is not cached, so someone an admin
/// has just given a role is signed in at once (only tokens the provider signed get this far).
/// </summary>
public sealed class OrganisationStaff(IGrainFactory grains, IMemoryCache cache, AuthOptions options)
{
    public async Task<bool> IsStaffAsync(Guid organisationId, Guid personId)
    {
        var key = ("organisation-staff", organisationId, personId);
        if (cache.TryGetValue(key, out bool _))
        {
            return true;
        }

        // Asked on every request, which may carry an anonymous ballot: the check never names the caller in telemetry.
        bool staff;
        using (Unattributed.Begin())
        {
            staff = (await grains.GetGrain<IOrganisationGrain>(organisationId).RolesOf(personId)).Count > 0;
        }

        if (staff)
        {
            cache.Set(key, true, options.RevocationCheckInterval);
        }

        return staff;
    }
}
