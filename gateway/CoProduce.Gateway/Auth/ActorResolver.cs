using System.Security.Claims;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Telemetry;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Who is acting in a request: the signed-in person, or, with the header
/// <c>CoProduce-Acting-With: &lt;person id&gt;</c>, a contributor whom the signed-in supporter is linked to.
/// </summary>
public static class ActorResolver
{
    public const string ActingWithHeader = "CoProduce-Acting-With";

    public static Guid PersonId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new DomainException(DomainErrorKind.Forbidden, "The token does not name a person.");

    public static async Task<Actor> ActorAsync(this HttpContext context)
    {
        var caller = context.User.PersonId();
        var header = context.Request.Headers[ActingWithHeader].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return new Actor(caller);
        }

        if (!Guid.TryParse(header, out var contributor))
        {
            throw DomainException.Invalid(ActingWithHeader, $"{ActingWithHeader} must be a person id.");
        }

        if (contributor == caller)
        {
            return new Actor(caller);
        }

        // The request may be the contributor's anonymous ballot, which is only known later: the support
        // check is never what names them in telemetry.
        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        bool supported;
        using (Unattributed.Begin())
        {
            supported = await grains.GetGrain<IPersonGrain>(contributor).IsSupportedBy(caller);
        }

        return supported
            ? new Actor(contributor, caller)
            : throw DomainException.Forbidden("You are not linked as a supporter of that person, so you cannot act with them.");
    }
}
