using CoProduce.Journal.State;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Representation;

/// <summary>
/// A person's self-described diversity data. It exists only while the person consents: withdrawing
/// clears the stored state (a tombstone with no payload is all that remains), and the journal never held
/// the answers, so nothing of them is left. Nobody but the person reads it; projects get aggregates only.
/// A supporter's change waits for the person to confirm it (DiversityGrain.Pending.cs).
/// </summary>
[GrainType("diversity")]
public sealed partial class DiversityGrain(
    [JournaledState("diversity")] IJournaledState<DiversityState> state,
    TimeProvider time) : JournaledGrain, IDiversityGrain
{
    private const int MaxValueLength = 100;

    private DiversityState S => state.State;

    private Guid Id => this.GetPrimaryKey();

    private bool Given => S.ConsentedAt is not null;

    public async Task<DiversityData> Get(Actor actor)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        return Data() ?? throw DomainException.NotFound("Diversity data");
    }

    public async Task<DiversityChoices> Choices(Actor actor)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        return View();
    }

    public async Task<DiversityChoices> Give(Actor actor, bool consent, IReadOnlyList<DiversityAnswer> answers)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        if (!consent)
        {
            throw DomainException.Invalid("consent", "Diversity data is kept only with your explicit consent: send consent true, or give none.");
        }

        var clean = Validate(answers);
        if (actor.SupportedBy is { } supporter)
        {
            return await Propose(clean, supporter);
        }

        await Apply(clean, supportedBy: null);
        return View();
    }

    public async Task<DiversityChoices> Withdraw(Actor actor)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        if (actor.SupportedBy is { } supporter)
        {
            return Given ? await Propose(null, supporter) : View();
        }

        await Delete(supportedBy: null);
        return View();
    }

    public Task<CountableAnswers> ForAggregate() =>
        Task.FromResult(Given ? new CountableAnswers(S.Answers, S.ConsentedAt) : new CountableAnswers([], null));

    /// <summary>Gives or replaces the data now; <paramref name="supportedBy"/> names the supporter who proposed it.</summary>
    private async Task Apply(List<DiversityAnswer> answers, Guid? supportedBy)
    {
        RaiseEvent(new DiversityDataGiven(Id, supportedBy));
        state.State = S with { Answers = answers, ConsentedAt = time.GetUtcNow(), SupportedBy = supportedBy };
        await state.WriteStateAsync();
    }

    /// <summary>Deletes the data and every change waiting (which may hold answers too): nothing of them is left.</summary>
    private async Task Delete(Guid? supportedBy)
    {
        if (Given)
        {
            RaiseEvent(new DiversityDataDeleted(Id, supportedBy));
        }

        if (Given || S.Pending.Count > 0)
        {
            await state.ClearStateAsync();
        }
    }

    private static List<DiversityAnswer> Validate(IReadOnlyList<DiversityAnswer>? answers)
    {
        var list = answers ?? [];
        if (list.Count == 0)
        {
            throw DomainException.Invalid("answers", "Give at least one answer; to give none, withdraw instead.");
        }

        if (list.Any(a => a is null || !Enum.IsDefined(a.Characteristic)))
        {
            throw DomainException.Invalid("answers", "Each answer names a known characteristic.");
        }

        if (list.Select(a => a.Characteristic).Distinct().Count() != list.Count)
        {
            throw DomainException.Invalid("answers", "Give at most one answer per characteristic.");
        }

        return [.. list.Select(a => a with { Value = Text.Required(a.Value, "answers", MaxValueLength) })];
    }

    private DiversityData? Data() => S.ConsentedAt is { } at ? new(Id, S.Answers, at, S.SupportedBy) : null;

    private DiversityChoices View() => new(Id, Data(), S.Pending);
}
