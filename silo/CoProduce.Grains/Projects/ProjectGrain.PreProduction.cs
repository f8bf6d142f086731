using CoProduce.Grains.Common;

namespace CoProduce.Grains.Projects;

/// <summary>Stages and pre-production: what the group sets up before anything is decided.</summary>
public sealed partial class ProjectGrain
{
    /// <summary>Contributors and facilitators take part; observers, and staff who do not facilitate, watch.</summary>
    private const string TakesPartRefusal = "Observers watch; contributors and facilitators take part in this.";

    private const decimal MaxBudgetLine = 10_000_000m;
    private const int MaxBudgetLines = 200;
    private const int MaxAccessNeeds = 500;

    public async Task<Versioned<ProjectView>> ChangeStage(Actor actor, ProjectStage to, string reason, long? expectedVersion)
    {
        var access = await this.EnsureCanFacilitate(actor);
        CheckVersion(expectedVersion);
        if (!Enum.IsDefined(to))
        {
            throw DomainException.Invalid("stage", "stage is not a known stage.");
        }

        var why = Text.Required(reason, "reason", Text.ParagraphLength);
        var from = S.Stage;
        if (!IsAllowed(from, to))
        {
            throw DomainException.Conflict(
                $"A project in {from} can move to the next stage, back to any earlier one, or to Closed; not to {to}.");
        }

        var change = new StageChange(from, to, actor.PersonId, actor.SupportedBy, why, time.GetUtcNow());
        state.State = S with { Stage = to, StageHistory = [.. S.StageHistory, change], Version = S.Version + 1 };
        RaiseEvent(new StageChanged(Id, from, to, actor.PersonId, actor.SupportedBy, why));
        await state.WriteStateAsync();
        return await Current(actor, access);
    }

    public async Task<Versioned<ProjectView>> UpdatePreProduction(Actor actor, PreProductionText text, long expectedVersion)
    {
        var access = await this.EnsureCanFacilitate(actor);
        CheckVersion(expectedVersion);
        EnsureOpen();
        var pre = S.PreProduction with
        {
            Aims = Text.List(text.Aims, "aims"),
            Scope = new Scope(Text.List(text.Scope?.Negotiables, "scope.negotiables"), Text.List(text.Scope?.NonNegotiables, "scope.nonNegotiables")),
            Commitment = Text.Optional(text.Commitment, "commitment"),
            GroundRules = Text.List(text.GroundRules, "groundRules"),
            Recruitment = Text.Optional(text.Recruitment, "recruitment"),
        };
        state.State = S with { PreProduction = pre, Version = S.Version + 1 };
        RaiseEvent(new PreProductionUpdated(Id, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        return await Current(actor, access);
    }

    public async Task<Versioned<ProjectView>> ProposeBudgetLine(Actor actor, string description, decimal amount, string currency)
    {
        var access = await this.EnsureTakesPart(actor, TakesPartRefusal);
        EnsureOpen();

        // Every field is checked before answering, so a form can show all its mistakes at once.
        var errors = new Dictionary<string, string[]>();
        var text = Check(errors, () => Text.Required(description, "description", Text.ParagraphLength));
        if (amount <= 0 || amount > MaxBudgetLine || decimal.Round(amount, 2) != amount)
        {
            errors["amount"] = [$"amount must be more than 0 and at most {MaxBudgetLine:N0}, in whole pence or cents."];
        }

        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            errors["currency"] = ["currency must be a three-letter ISO 4217 code in capitals, such as GBP."];
        }

        if (text is null || errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Invalid, "The budget line is not valid.", errors);
        }

        if (S.PreProduction.Budget.Count >= MaxBudgetLines)
        {
            throw DomainException.Conflict($"A project's budget may have at most {MaxBudgetLines} lines.");
        }

        var line = new BudgetLine(Guid.NewGuid(), text, amount, currency, actor.PersonId, [], actor.SupportedBy);
        state.State = S with { PreProduction = S.PreProduction with { Budget = [.. S.PreProduction.Budget, line] }, Version = S.Version + 1 };
        RaiseEvent(new BudgetLineProposed(Id, line.Id, line.Description, amount, currency, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        return await Current(actor, access);
    }

    public async Task<Versioned<ProjectView>> AgreeBudgetLine(Actor actor, Guid lineId)
    {
        var access = await this.EnsureTakesPart(actor, TakesPartRefusal);
        EnsureOpen();
        var line = S.PreProduction.Budget.FirstOrDefault(l => l.Id == lineId) ?? throw DomainException.NotFound("The budget line");
        if (!line.AgreedBy.Contains(actor.PersonId))
        {
            var agreed = line with
            {
                AgreedBy = [.. line.AgreedBy, actor.PersonId],
                AgreedWith = actor.SupportedBy is { } supporter
                    ? new Dictionary<Guid, Guid>(line.AgreedWith ?? new Dictionary<Guid, Guid>()) { [actor.PersonId] = supporter }
                    : line.AgreedWith,
            };
            state.State = S with
            {
                PreProduction = S.PreProduction with { Budget = [.. S.PreProduction.Budget.Select(l => l.Id == lineId ? agreed : l)] },
                Version = S.Version + 1,
            };
            RaiseEvent(new BudgetLineAgreed(Id, lineId, actor.PersonId, actor.SupportedBy));
            await state.WriteStateAsync();
        }

        return await Current(actor, access);
    }

    public async Task<Versioned<ProjectView>> RecordAccessNeed(Actor actor, Guid personId, string need)
    {
        var access = await this.EnsureCanSee(actor);
        if (personId != actor.PersonId && !access.CanFacilitate)
        {
            throw DomainException.Forbidden("People record their own access needs; facilitators may record them on someone's behalf.");
        }

        EnsureOpen();
        if (!S.Participants.ContainsKey(personId))
        {
            throw DomainException.Invalid("personId", "Access needs are recorded for the project's participants.");
        }

        if (S.PreProduction.AccessPlan.Count >= MaxAccessNeeds)
        {
            throw DomainException.Conflict("The access plan is full.");
        }

        var entry = new AccessNeed(Guid.NewGuid(), personId, Text.Required(need, "need", Text.ParagraphLength), null, null, actor.PersonId, actor.SupportedBy);
        state.State = S with { PreProduction = S.PreProduction with { AccessPlan = [.. S.PreProduction.AccessPlan, entry] }, Version = S.Version + 1 };
        RaiseEvent(new AccessNeedRecorded(Id, entry.Id, personId, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        return await Current(actor, access);
    }

    public async Task<Versioned<ProjectView>> UpdateAdjustment(Actor actor, Guid needId, string? adjustmentPromised, bool? met)
    {
        var access = await this.EnsureCanFacilitate(actor);
        EnsureOpen();
        var need = S.PreProduction.AccessPlan.FirstOrDefault(n => n.Id == needId) ?? throw DomainException.NotFound("The access need");
        var updated = need with { AdjustmentPromised = Text.Optional(adjustmentPromised, "adjustmentPromised"), Met = met };
        state.State = S with
        {
            PreProduction = S.PreProduction with { AccessPlan = [.. S.PreProduction.AccessPlan.Select(n => n.Id == needId ? updated : n)] },
            Version = S.Version + 1,
        };
        RaiseEvent(new AdjustmentUpdated(Id, needId, updated.AdjustmentPromised, met, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        return await Current(actor, access);
    }

    /// <summary>Next stage, any earlier stage, or Closed; nothing leaves Closed.</summary>
    private static bool IsAllowed(ProjectStage from, ProjectStage to) =>
        from != ProjectStage.Closed && to != from && (to == from + 1 || to < from || to == ProjectStage.Closed);

    private void CheckVersion(long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != S.Version)
        {
            throw DomainException.Stale(S.Version);
        }
    }

    /// <summary>Runs one field's check, keeping its refusal in <paramref name="errors"/> instead of throwing.</summary>
    private static string? Check(Dictionary<string, string[]> errors, Func<string> check)
    {
        try
        {
            return check();
        }
        catch (DomainException refused) when (refused.Kind == DomainErrorKind.Invalid)
        {
            foreach (var (field, messages) in refused.Errors)
            {
                errors[field] = messages;
            }

            return null;
        }
    }
}
