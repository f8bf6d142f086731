using CoProduce.Grains.Common;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Who a request acts as, bound as an endpoint parameter: the signed-in person, or the contributor their linked
/// supporter acts with (<see cref="ActorResolver"/>). A handler names <c>Caller caller</c> instead of resolving the
/// actor from the context itself; an unlinked <c>CoProduce-Acting-With</c> is refused (403) before the handler runs.
/// </summary>
public sealed record Caller(Actor Actor)
{
    public static async ValueTask<Caller?> BindAsync(HttpContext context) => new(await context.ActorAsync());
}
