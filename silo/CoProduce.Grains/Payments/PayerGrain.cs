using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.Payments.Payouts;
using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments;

/// <summary>
/// One payer, keyed "Organisation:{id}" or "Network:{id}". Keeps the rate card and expenses policy as versioned
/// state; claims, runs and the ledger are read from the payments tables. Organisation admins and finance staff
/// manage the policy, finance staff approve and pay; a network's coordinators do both for the network.
/// </summary>
[GrainType("payer")]
public sealed class PayerGrain(
    [JournaledState("payer")] IJournaledState<PayerState> state,
    PaymentStore store,
    PayoutScheduler payouts,
    TimeProvider time) : JournaledGrain, IPayerGrain
{
    private PayerState S => state.State;

    private PayerRef Payer => Parse(this.GetPrimaryKeyString());

    public async Task<Versioned<PaymentPolicyView>> GetPolicy(Actor actor)
    {
        await Ensure(actor, a => a.IsStaff);
        return S.Policy is null ? throw DomainException.NotFound("The payment policy") : Current();
    }

    public async Task<Versioned<PaymentPolicyView>> SetPolicy(Actor actor, PaymentPolicy policy, long? expectedVersion)
    {
        await Ensure(actor, a => a.CanManage, "Only the payer's admins and finance staff can set rates and the expenses policy.");
        var checkedPolicy = PolicyRules.Check(policy);
        if (S.Policy is not null && expectedVersion is null)
        {
            throw DomainException.Invalid("If-Match", "The policy exists: send If-Match with the ETag you last read.");
        }

        if (expectedVersion is { } expected && expected != S.Version)
        {
            throw DomainException.Stale(S.Version);
        }

        RaiseEvent(new PaymentPolicySet(Payer.Key, checkedPolicy, actor.PersonId, actor.SupportedBy));
        state.State = S with { Policy = checkedPolicy, UpdatedBy = actor.PersonId, UpdatedAt = time.GetUtcNow(), Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    public Task<PaymentPolicy?> Policy() => Task.FromResult(S.Policy);

    public async Task<PayerAccess> AccessOf(Guid personId)
    {
        var payer = Payer;
        if (payer.Kind == PayerKind.Network)
        {
            var coordinator = await GrainFactory.GetGrain<INetworkGrain>(payer.Id).IsCoordinator(personId);
            return new PayerAccess(coordinator, coordinator, coordinator, coordinator);
        }

        var roles = await GrainFactory.GetGrain<IOrganisationGrain>(payer.Id).RolesOf(personId);
        return new PayerAccess(
            roles.Count > 0,
            roles.Count > 0,
            roles.Contains(OrganisationRole.Admin) || roles.Contains(OrganisationRole.Finance),
            roles.Contains(OrganisationRole.Finance));
    }

    public async Task<Slice<ClaimView>> Claims(Actor actor, ClaimStatus? status, int offset, int limit)
    {
        await Ensure(actor, a => a.CanApprove, "Only the payer's finance staff can list its claims.");
        var (rows, total) = await store.ListClaimsAsync(new ClaimFilter(Payer: Payer, Status: status), offset, limit, CancellationToken.None);
        return new Slice<ClaimView>([.. rows.Select(r => ClaimViews.From(r, time.GetUtcNow()))], total);
    }

    public async Task<PayoutRunView> StartRun(Actor actor)
    {
        await EnsureFinance(actor);
        var run = await payouts.StartNowAsync(Payer, $"requested by {actor.PersonId:D}", CancellationToken.None);
        return run;
    }

    public async Task<Slice<PayoutRunView>> Runs(Actor actor, int offset, int limit)
    {
        await EnsureOperator(actor);
        var (runs, total) = await store.RunsAsync(Payer, offset, limit, CancellationToken.None);
        return new Slice<PayoutRunView>(runs, total);
    }

    public async Task<PayoutRunView> Run(Actor actor, Guid runId)
    {
        await EnsureOperator(actor);
        return await OwnRun(runId);
    }

    public async Task<PayoutRunView> RetryRun(Actor actor, Guid runId)
    {
        await EnsureOperator(actor);
        return await payouts.RetryNowAsync(await OwnRun(runId), CancellationToken.None);
    }

    private async Task<PayoutRunView> OwnRun(Guid runId)
    {
        var run = await store.GetRunAsync(runId, CancellationToken.None);
        return run is not null && run.Payer == Payer ? run : throw DomainException.NotFound("The payout run");
    }

    public async Task<IReadOnlyList<AccountBalance>> Balances(Actor actor)
    {
        await EnsureFinance(actor);
        return await store.BalancesAsync(Payer, CancellationToken.None);
    }

    public async Task<Slice<LedgerEntryView>> Ledger(Actor actor, int offset, int limit)
    {
        await EnsureFinance(actor);
        var (items, total) = await store.LedgerAsync(Payer, offset, limit, CancellationToken.None);
        return new Slice<LedgerEntryView>(items, total);
    }

    public async Task<LedgerEntryView> Reverse(Actor actor, long entryId, string reason)
    {
        await EnsureFinance(actor);
        var why = Text.Required(reason, "reason", Text.ParagraphLength);
        return await store.ReverseAsync(Payer, entryId, why, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None)
            ?? throw DomainException.NotFound("The ledger entry");
    }

    public static PayerRef Parse(string key)
    {
        var parts = key.Split(':', 2);
        return new PayerRef(Enum.Parse<PayerKind>(parts[0]), Guid.Parse(parts[1]));
    }

    // Seeing and retrying runs is operating them, not deciding payments: finance staff and admins.
    private Task EnsureOperator(Actor actor) =>
        Ensure(actor, a => a.CanManage, "Only the payer's finance staff and admins can see and retry payout runs.");

    private Task EnsureFinance(Actor actor) =>
        Ensure(actor, a => a.CanApprove, "Only the payer's finance staff can do this.");

    private async Task Ensure(Actor actor, Func<PayerAccess, bool> allowed, string? forbidden = null)
    {
        var access = await this.AccessOf(actor);
        if (!access.IsStaff)
        {
            throw DomainException.NotFound(Payer.Kind == PayerKind.Network ? "The network" : "The organisation");
        }

        if (!allowed(access))
        {
            throw DomainException.Forbidden(forbidden ?? "Your role does not allow this.");
        }
    }

    private Versioned<PaymentPolicyView> Current() => new(new PaymentPolicyView(Payer, S.Policy!, S.UpdatedBy, S.UpdatedAt), S.Version);
}
