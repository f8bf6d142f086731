using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Payments;

/// <summary>A project's claims and how promptly they were paid, keyed by the project id; no state of its own.</summary>
[GrainType("projectpayments")]
public sealed partial class ProjectPaymentsGrain(PaymentStore store, TimeProvider time) : Grain, IProjectPaymentsGrain
{
    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<Slice<ClaimView>> Claims(Actor actor, int offset, int limit)
    {
        await GrainFactory.EnsureCanFacilitate(actor, ProjectId, "Only the project's facilitators list its claims; contributors see their own under /api/me/claims.");
        var (rows, total) = await store.ListClaimsAsync(new ClaimFilter(ProjectId: ProjectId), offset, limit, CancellationToken.None);

        // Facilitators see claims without the benefits warning, charity and receipts, unless they approve for the payer.
        var approves = new Dictionary<PayerRef, bool>();
        var views = new List<ClaimView>(rows.Count);
        foreach (var row in rows)
        {
            if (!approves.TryGetValue(row.Payer, out var full))
            {
                full = approves[row.Payer] = (await GrainFactory.GetGrain<IPayerGrain>(row.Payer.Key).AccessOf(actor)).CanApprove;
            }

            var view = ClaimViews.From(row, time.GetUtcNow());
            views.Add(full || row.PersonId == actor.PersonId ? view : ClaimViews.ForStaff(view));
        }

        return new Slice<ClaimView>(views, total);
    }

    public async Task<PaymentTimeliness> Timeliness(Actor actor)
    {
        await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await TimelinessFigures();
    }

    public Task<PaymentTimeliness> TimelinessFigures() =>
        store.TimelinessAsync(ProjectId, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
}
