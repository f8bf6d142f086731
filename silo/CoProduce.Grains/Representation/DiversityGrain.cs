using CoProduce.Journal.State;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Representation;

/// <summary>
/// A person's self-described diversity data. It exists only while the person consents: withdrawing
/// clears the stored state (a tombstone with no payload is all that remains), and the journal never held
/// the answers, so nothing of them is left. Nobody but the person reads it; projects get aggregates only.
/// </summary>
[GrainType("diversity")]
public sealed class DiversityGrain(
    [JournaledState("diversity")] IJournaledState<DiversityState> state,
    TimeProvider time) : JournaledGrain, IDiversityGrain
{
    private const int MaxValueLength = 100;

    private Guid Id => this.GetPrimaryKey();

    private bool Given => state.State.ConsentedAt is not null;

    public async Task<DiversityData> Get(Actor actor)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        return Given ? View() : throw DomainException.NotFound("Diversity data");
    }

    public async Task<DiversityData> Give(Actor actor, bool consent, IReadOnlyList<DiversityAnswer> answers)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        if (!consent)
        {
            throw DomainException.Invalid("consent", "Diversity data is kept only with your explicit consent: send consent true, or give none.");
        }

        var clean = Validate(answers);
        RaiseEvent(new DiversityDataGiven(Id, actor.SupportedBy));
        state.State = new DiversityState { Answers = clean, ConsentedAt = time.GetUtcNow(), SupportedBy = actor.SupportedBy };
        await state.WriteStateAsync();
        return View();
    }

    public async Task<bool> Withdraw(Actor actor)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        if (!Given)
        {
            return false;
        }

        RaiseEvent(new DiversityDataDeleted(Id, actor.SupportedBy));
        await state.ClearStateAsync();
        return true;
    }

    public Task<CountableAnswers> ForAggregate() =>
        Task.FromResult(Given ? new CountableAnswers(state.State.Answers, state.State.ConsentedAt) : new CountableAnswers([], null));

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

    private DiversityData View() => new(Id, state.State.Answers, state.State.ConsentedAt!.Value, state.State.SupportedBy);
}
