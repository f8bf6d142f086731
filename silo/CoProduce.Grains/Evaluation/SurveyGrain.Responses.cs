using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Telemetry;

namespace CoProduce.Grains.Evaluation;

/// <summary>Responses: contributors and facilitators answer once; a second response replaces the first while open.</summary>
public sealed partial class SurveyGrain
{
    public async Task<MyResponse> Respond(Actor actor, Guid projectId, IReadOnlyList<Answer> answers)
    {
        // Anonymous: nothing this call causes (access checks, storage) names the respondent in telemetry.
        using var unattributed = Unattributed.When(S.Anonymous);
        await GrainFactory.EnsureTakesPart(actor, projectId, TakesPartRefusal);
        EnsureInProject(projectId);
        var cleaned = SurveyRules.Check(S.Questions, answers);
        EnsureOpen();
        var now = time.GetUtcNow();

        // Anonymous: the response is filed under a keyed hash and neither the state nor the journal says who gave it.
        var key = anonymity.For(actor.PersonId, S.RespondentKeySecret);
        var stored = S.Anonymous
            ? new StoredResponse(cleaned, null, null, now)
            : new StoredResponse(cleaned, actor.PersonId, actor.SupportedBy, now);
        RaiseEvent(S.Anonymous
            ? new SurveyResponded(Id, S.ProjectId, null, null, null, now)
            : new SurveyResponded(Id, S.ProjectId, actor.PersonId, actor.SupportedBy, cleaned, now));
        await state.Commit(S with
        {
            Responses = new Dictionary<string, StoredResponse>(S.Responses) { [key] = stored },
            ResponseWrites = S.ResponseWrites + (S.Anonymous ? 1 : 0),
        });
        return new MyResponse(true, cleaned, now);
    }

    public async Task<MyResponse> Mine(Actor actor, Guid projectId)
    {
        using var unattributed = Unattributed.When(S.Anonymous);
        await GrainFactory.EnsureCanSee(actor, projectId);
        EnsureInProject(projectId);
        return S.Responses.TryGetValue(anonymity.For(actor.PersonId, S.RespondentKeySecret), out var mine)
            ? new MyResponse(true, mine.Answers, mine.At)
            : new MyResponse(false, [], null);
    }
}
