using CoProduce.Grains.Common;
using CoProduce.Grains.People;

namespace CoProduce.Grains.Representation;

/// <summary>Personal data is the person's: they, or a supporter they linked acting with them, may touch it; anyone else is told nothing exists.</summary>
internal static class SelfCheck
{
    public static async Task Ensure(IGrainFactory grains, Actor actor, Guid personId)
    {
        if (actor.PersonId != personId)
        {
            throw DomainException.NotFound("The person");
        }

        if (actor.SupportedBy is { } supporter && !await grains.GetGrain<IPersonGrain>(personId).IsSupportedBy(supporter))
        {
            throw DomainException.Forbidden("You are not linked as a supporter of this person, so you cannot act with them.");
        }
    }
}
