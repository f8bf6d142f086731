using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Payments;

/// <summary>
/// One claim, keyed by its id. Its row lives in cp_pay_claims (the payout batch reads claims set-wise), so the
/// grain keeps no state of its own: it checks who may act, prices the claim and calls the store, whose
/// conditional writes make one of two concurrent decisions win on any number of nodes.
/// </summary>
[GrainType("claim")]
public sealed class ClaimGrain(PaymentStore store, TimeProvider time) : Grain, IClaimGrain
{
    private Guid Id => this.GetPrimaryKey();

    public Task<ClaimView> Submit(Actor actor, Guid projectId, ClaimSpec spec) => Create(actor, projectId, spec, draft: false);

    public Task<ClaimView> Draft(Actor actor, Guid projectId, ClaimSpec spec) => Create(actor, projectId, spec, draft: true);

    public async Task<ClaimView> Confirm(Actor actor, DraftChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var (row, _) = await Visible(actor);
        if (row.PersonId != actor.PersonId)
        {
            throw DomainException.Forbidden("Only the contributor (or a supporter acting with them) confirms a draft claim.");
        }

        if (row.Status != ClaimStatus.Draft)
        {
            throw DomainException.Conflict("Only a draft claim is confirmed; this one has been already.");
        }

        var policy = await GrainFactory.GetGrain<IPayerGrain>(row.Payer.Key).Policy()
            ?? throw DomainException.Conflict("The payer has no rate card any more; ask its finance staff.");
        var now = time.GetUtcNow();
        var spec = new ClaimSpec(row.PersonId, row.Payer.Kind, row.ActivityDate, row.Currency, row.Role, row.Activity,
            changes.Quantity ?? row.Quantity, changes.Expenses ?? row.Expenses, false, changes.Note ?? row.Note);
        var priced = ClaimRules.Price(spec, policy, DateOnly.FromDateTime(now.UtcDateTime));
        var choice = await GrainFactory.GetGrain<IPayeeGrain>(row.PersonId).ChoiceFor(row.Payer);

        // Confirming is submitting: the payer's promise runs from now, under the choice in force now.
        var next = WithPrice(row, priced, choice) with
        {
            Status = priced.FeeMinor > 0 && choice is null ? ClaimStatus.AwaitingChoice : ClaimStatus.Submitted,
            SupportedBy = actor.SupportedBy,
            SubmittedMs = now.ToUnixTimeMilliseconds(),
            DueByMs = now.AddDays(policy.PromisedPaymentDays).ToUnixTimeMilliseconds(),
            Version = row.Version + 1,
        };
        if (!await store.ConfirmDraftAsync(next, row.Version, CancellationToken.None))
        {
            throw DomainException.Conflict("The draft was confirmed or changed at the same moment; reload it.");
        }

        return ClaimViews.From(next, now);
    }

    public async Task<ClaimView> Decline(Actor actor, string? reason)
    {
        var (row, payer) = await Visible(actor);
        var own = row.PersonId == actor.PersonId;

        // Not ProjectGate: whoever sees the claim (payer staff outside the project too) is refused with 403, never 404.
        if (!own && !(await GrainFactory.GetGrain<IProjectGrain>(row.ProjectId).AccessOf(actor)).CanFacilitate)
        {
            throw DomainException.Forbidden("Only the contributor (or a supporter acting with them) or a facilitator of the project declines a draft claim.");
        }

        // A claim that is no longer a draft is 409 whoever asks, with a reason or without: giving one would not help.
        if (row.Status != ClaimStatus.Draft)
        {
            throw DomainException.Conflict("Only a draft claim is declined; this one has been confirmed or declined already.");
        }

        var why = own ? Text.Optional(reason, "reason", Text.ParagraphLength) : Text.Required(reason, "reason", Text.ParagraphLength);

        var now = time.GetUtcNow();
        var next = row with
        {
            Status = ClaimStatus.Declined,
            DecidedBy = actor.PersonId,
            DecidedMs = now.ToUnixTimeMilliseconds(),
            RejectionReason = why,
            SupportedBy = actor.SupportedBy,
            Version = row.Version + 1,
        };
        if (!await store.DeclineDraftAsync(next, row.Version, CancellationToken.None))
        {
            throw DomainException.Conflict("The draft was confirmed or changed at the same moment; reload it.");
        }

        return ViewFor(actor, next, payer);
    }

    private async Task<ClaimView> Create(Actor actor, Guid projectId, ClaimSpec spec, bool draft)
    {
        var project = GrainFactory.GetGrain<IProjectGrain>(projectId);
        var access = await project.EnsureCanSee(actor);
        var personId = spec.PersonId ?? actor.PersonId;
        if (personId != actor.PersonId && !access.CanFacilitate)
        {
            throw DomainException.Forbidden("A claim is made by the contributor, a supporter acting with them, or a facilitator of the project.");
        }

        if (await project.RoleOf(personId) != ProjectRole.Contributor)
        {
            throw DomainException.Invalid("personId", "Claims are made only for contributors of this project, and this person is not one.");
        }

        if (!Enum.IsDefined(spec.Payer))
        {
            throw DomainException.Invalid("payer", "payer must be Organisation or Network.");
        }

        var view = (await project.Get(actor)).Value;
        var payer = spec.Payer == PayerKind.Organisation
            ? new PayerRef(PayerKind.Organisation, view.OrganisationId)
            : new PayerRef(PayerKind.Network, view.NetworkId ?? throw DomainException.Invalid("payer", "This project is not run in a network, so its organisation pays."));
        var policy = await GrainFactory.GetGrain<IPayerGrain>(payer.Key).Policy()
            ?? throw DomainException.Conflict($"The {payer.Kind.ToString().ToLowerInvariant()} has no rate card yet; ask its finance staff to set one.");

        // A claim entered by anyone but the contributor (a facilitator naming them) is theirs to check: it stays a
        // draft until they, or a supporter acting with them, confirm it, and nobody can approve it before.
        draft = draft || personId != actor.PersonId;
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var priced = ClaimRules.Price(spec, policy, today);
        var choice = await GrainFactory.GetGrain<IPayeeGrain>(personId).ChoiceFor(payer);
        var row = WithPrice(new ClaimRow
        {
            Id = Id,
            ProjectId = projectId,
            PersonId = personId,
            Payer = payer,
            Currency = policy.Currency,
            ActivityDate = spec.ActivityDate,
            PayWeek = ClaimRules.WeekOf(spec.InAdvance ? today : spec.ActivityDate),
            Role = priced.Role,
            Activity = priced.Activity,
            Unit = priced.Unit,
            InAdvance = spec.InAdvance,

            // Nothing is assumed: a fee waits until the contributor has said what they want done with it, and a draft
            // until they have confirmed it.
            Status = draft ? ClaimStatus.Draft : priced.FeeMinor > 0 && choice is null ? ClaimStatus.AwaitingChoice : ClaimStatus.Submitted,
            EnteredBy = actor.SupportedBy ?? actor.PersonId,
            SupportedBy = actor.SupportedBy,
            SubmittedMs = now.ToUnixTimeMilliseconds(),
            DueByMs = now.AddDays(policy.PromisedPaymentDays).ToUnixTimeMilliseconds(),
            Version = 1,
        }, priced, choice);
        if (!await store.InsertClaimAsync(row, CancellationToken.None))
        {
            throw DomainException.Conflict("This claim already exists.");
        }

        return ViewFor(actor, row, await GrainFactory.GetGrain<IPayerGrain>(payer.Key).AccessOf(actor));
    }

    public async Task<ClaimView> Get(Actor actor)
    {
        var (row, payer) = await Visible(actor);
        return ViewFor(actor, row, payer);
    }

    /// <summary>The whole claim for its contributor and those who decide it; for other staff, without its personal parts.</summary>
    private ClaimView ViewFor(Actor actor, ClaimRow row, PayerAccess payer)
    {
        var view = ClaimViews.From(row, time.GetUtcNow());
        return row.PersonId == actor.PersonId || payer.CanApprove ? view : ClaimViews.ForStaff(view);
    }

    public async Task<ClaimView> Approve(Actor actor)
    {
        var row = await EnsureFinance(actor);
        var limit = await GrainFactory.GetGrain<IPayeeGrain>(row.PersonId).Limit();
        var decided = await store.ApproveAsync(Id, row.PersonId, actor.PersonId, limit, Now(), CancellationToken.None);
        return ClaimViews.From(decided, time.GetUtcNow());
    }

    public async Task<ClaimView> Reject(Actor actor, string reason)
    {
        var why = Text.Required(reason, "reason", Text.ParagraphLength);
        var row = await EnsureFinance(actor);
        var decided = await store.RejectAsync(Id, row.PersonId, actor.PersonId, why, Now(), CancellationToken.None);
        return ClaimViews.From(decided, time.GetUtcNow());
    }

    public async Task<ClaimView> DecideAtLimit(Actor actor, LimitAction action, DateOnly? payWeek, string? charity)
    {
        var (row, _) = await Visible(actor);
        if (row.PersonId != actor.PersonId)
        {
            throw DomainException.Forbidden("Only the contributor (or a supporter acting with them) decides what happens at their weekly limit.");
        }

        if (!Enum.IsDefined(action))
        {
            throw DomainException.Invalid("action", "action must be Defer, Reduce, Decline, Donate or Confirm.");
        }

        var named = action == LimitAction.Donate ? Text.Required(charity, "charity") : null;
        var week = payWeek is { } w ? ClaimRules.WeekOf(w) : (DateOnly?)null;
        var limit = await GrainFactory.GetGrain<IPayeeGrain>(row.PersonId).Limit();
        var decided = await store.DecideAtLimitAsync(Id, row.PersonId, action, week, named, limit, Now(), CancellationToken.None);
        return ClaimViews.From(decided, time.GetUtcNow());
    }

    /// <summary>The claim's price from the rate card, and its fee under the contributor's payment choice.</summary>
    private static ClaimRow WithPrice(ClaimRow row, ClaimRules.Priced priced, PaymentChoice? choice)
    {
        var (due, payee, charity) = PaymentChoices.Apply(choice, priced.FeeMinor);
        return row with
        {
            Quantity = priced.Quantity,
            RateMinor = priced.RateMinor,
            FeeMinor = priced.FeeMinor,
            FeeDueMinor = due,
            FeePayee = payee,
            Charity = charity,
            Choice = priced.FeeMinor > 0 ? choice?.Choice : null,
            Expenses = priced.Expenses,
            ExpensesMinor = priced.ExpensesMinor,
            Note = priced.Note,
        };
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<ClaimRow> EnsureFinance(Actor actor)
    {
        var (row, payer) = await Visible(actor);
        if (!payer.CanApprove)
        {
            throw DomainException.Forbidden("Only the paying organisation's finance staff (a network's coordinators) approve or reject claims.");
        }

        // Duties are separated: nobody decides a claim that pays them, that they entered or confirmed for someone,
        // or that pays a person they support (acting with someone never carries finance roles: ActingWith).
        if (row.PersonId == actor.PersonId)
        {
            throw DomainException.Forbidden("Nobody approves or rejects their own claim.");
        }

        if (row.EnteredBy == actor.PersonId || row.SupportedBy == actor.PersonId)
        {
            throw DomainException.Forbidden("Nobody approves or rejects a claim they entered or confirmed; another finance officer decides it.");
        }

        if (await GrainFactory.GetGrain<IPersonGrain>(row.PersonId).IsSupportedBy(actor.PersonId))
        {
            throw DomainException.Forbidden("Nobody approves or rejects a claim of a person they support; another finance officer decides it.");
        }

        return row;
    }

    /// <summary>
    /// The claim, if the actor may see it: its contributor, the project's facilitators, or the payer's staff; 404 names
    /// the claim, never the project (not ProjectGate: the payer's staff see claims of projects they are not in).
    /// </summary>
    private async Task<(ClaimRow Row, PayerAccess Payer)> Visible(Actor actor)
    {
        var row = await store.GetClaimAsync(Id, CancellationToken.None) ?? throw DomainException.NotFound("The claim");
        var payer = await GrainFactory.GetGrain<IPayerGrain>(row.Payer.Key).AccessOf(actor);
        if (row.PersonId == actor.PersonId || payer.IsStaff)
        {
            return (row, payer);
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(row.ProjectId).AccessOf(actor);
        return project.CanFacilitate ? (row, payer) : throw DomainException.NotFound("The claim");
    }
}
