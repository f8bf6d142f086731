using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments;

/// <summary>
/// One contributor's payment preferences, keyed by their person id: a choice per payer (nothing is assumed
/// until they choose) and an optional weekly earnings limit. Only the person, or a supporter acting with them,
/// reads them; a supporter's change waits for the person to confirm it (PayeeGrain.Pending.cs).
/// </summary>
[GrainType("payee")]
public sealed partial class PayeeGrain(
    [JournaledState("payee")] IJournaledState<PayeeState> state,
    PaymentStore store,
    TimeProvider time) : JournaledGrain, IPayeeGrain
{
    private PayeeState S => state.State;

    private Guid PersonId => this.GetPrimaryKey();

    public Task<PayeePreferences> Get(Actor actor)
    {
        EnsureSelf(actor);
        return Task.FromResult(View());
    }

    public async Task<PayeePreferences> Choose(Actor actor, PayerRef payer, PaymentChoiceKind choice, int? percent, string? charity)
    {
        EnsureSelf(actor);
        if (payer is null || !Enum.IsDefined(payer.Kind) || payer.Id == Guid.Empty)
        {
            throw DomainException.Invalid("payerId", "Say which organisation or network the choice is for.");
        }

        if (!Enum.IsDefined(choice))
        {
            throw DomainException.Invalid("choice", "choice must be Accept, AcceptLess, Decline, Donate or Vouchers.");
        }

        if (choice == PaymentChoiceKind.AcceptLess ? percent is not (>= 1 and <= 99) : percent is not null)
        {
            throw DomainException.Invalid("percent", "percent (1-99) is given with AcceptLess, and only then.");
        }

        var named = choice == PaymentChoiceKind.Donate ? Text.Required(charity, "charity") : Text.Optional(charity, "charity", Text.NameLength);
        if (choice != PaymentChoiceKind.Donate && named is not null)
        {
            throw DomainException.Invalid("charity", "charity is given with Donate, and only then.");
        }

        var made = new PaymentChoice(payer, choice, percent, named, time.GetUtcNow());
        if (actor.SupportedBy is { } supporter)
        {
            return await Propose(PaymentChangeKind.Choice, made, null, supporter);
        }

        return await ApplyChoice(made);
    }

    private async Task<PayeePreferences> ApplyChoice(PaymentChoice made)
    {
        var payer = made.Payer;
        RaiseEvent(new PaymentChoiceMade(PersonId, payer.Key, made.Choice, made.Percent, made.Charity, made.SupportedBy));
        state.State = S with { Choices = [.. S.Choices.Where(c => c.Payer != payer), made], Version = S.Version + 1 };
        await state.WriteStateAsync();

        // Claims that waited for this choice go forward now; the choice is stored first, so a crash in between
        // leaves them waiting for a repeat of the same choice, never paid without one.
        await store.ReleaseAwaitingChoiceAsync(PersonId, made, CancellationToken.None);
        return View();
    }

    public async Task<PayeePreferences> SetLimit(Actor actor, WeeklyLimit? limit)
    {
        EnsureSelf(actor);
        WeeklyLimit? checkedLimit = limit is null
            ? null
            : new WeeklyLimit(
                Money.Positive(limit.Amount, "weeklyLimit"),
                Money.Currency(limit.Currency),
                Text.Optional(limit.PermissionNote, "permissionNote"));
        if (actor.SupportedBy is { } supporter)
        {
            return await Propose(PaymentChangeKind.Limit, null, checkedLimit, supporter);
        }

        return await ApplyLimit(checkedLimit, supportedBy: null);
    }

    private async Task<PayeePreferences> ApplyLimit(WeeklyLimit? limit, Guid? supportedBy)
    {
        var recorded = limit is null ? null : limit with { SupportedBy = supportedBy };
        RaiseEvent(new WeeklyLimitSet(PersonId, recorded, supportedBy));
        state.State = S with { Limit = recorded, Version = S.Version + 1 };
        await state.WriteStateAsync();
        return View();
    }

    public Task<PaymentChoice?> ChoiceFor(PayerRef payer) => Task.FromResult(S.Choices.FirstOrDefault(c => c.Payer == payer));

    public Task<WeeklyLimit?> Limit() => Task.FromResult(S.Limit);

    public async Task<Slice<ClaimView>> Claims(Actor actor, int offset, int limit)
    {
        EnsureSelf(actor);
        var (rows, total) = await store.ListClaimsAsync(new ClaimFilter(PersonId: PersonId), offset, limit, CancellationToken.None);
        return new Slice<ClaimView>([.. rows.Select(r => ClaimViews.From(r, time.GetUtcNow()))], total);
    }

    public async Task<IReadOnlyList<ClaimView>> Statement(Actor actor)
    {
        EnsureSelf(actor);
        var rows = await store.ClaimsOfPersonAsync(PersonId, CancellationToken.None);
        return [.. rows.Select(r => ClaimViews.From(r, time.GetUtcNow()))];
    }

    private void EnsureSelf(Actor actor)
    {
        if (actor.PersonId != PersonId)
        {
            throw DomainException.NotFound("The person");
        }
    }

    private PayeePreferences View() => new(PersonId, S.Choices, S.Limit, S.Pending);
}
