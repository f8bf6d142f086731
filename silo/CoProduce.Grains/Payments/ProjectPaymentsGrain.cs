using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Grains.Projects;
using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Payments;

/// <summary>A project's claims and how promptly they were paid, keyed by the project id; no state of its own.</summary>
public sealed partial class ProjectPaymentsGrain(PaymentStore store, TimeProvider time) : Grain, IProjectPaymentsGrain
{
    private Guid ProjectId => GetPrimaryKey();

    public async Task<Slice<ClaimView>> Claims(Actor actor, int offset, int limit)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).AccessOf(actor.PersonId);
        if (!access.CanSee)
        {
            throw DomainException.NotFound("The project");
        }

        if (!access.CanFacilitate)
        {
            throw DomainException.Forbidden("Only the project's facilitators list its claims; contributors see their own under /api/me/claims.");
        }

        var (rows, total) = await store.ListClaimsAsync(new ClaimFilter(ProjectId: ProjectId), offset, limit, CancellationToken.None);
        return new Slice<ClaimView>([.. rows.Select(r => ClaimViews.From(r, time.GetUtcNow()))], total);
    }

    public async Task<PaymentTimeliness> Timeliness(Actor actor)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).AccessOf(actor.PersonId);
        return access.CanSee ? await TimelinessFigures() : throw DomainException.NotFound("The project");
    }

    public Task<PaymentTimeliness> TimelinessFigures() =>
        store.TimelinessAsync(ProjectId, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
}
