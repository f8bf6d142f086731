using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Evaluation;
using CoProduce.Grains.Feedback;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Recognition;

/// <summary>
/// Works out what a person did in a project from the project's own grains, reading as the person, so
/// the record holds only what the person could see for themselves. Anonymous votes and survey answers
/// are skipped without asking: even the question "did this person take part?" is not put to them.
/// </summary>
internal static class ContributionReader
{
    /// <summary>The person's record in the given projects, newest project first; projects the person cannot see are left out.</summary>
    public static async Task<ContributionRecord> Record(IGrainFactory grains, Guid personId, IEnumerable<Guid> projectIds, Func<ProjectView, bool> include)
    {
        var projects = new List<ProjectContribution>();
        foreach (var projectId in projectIds.Distinct())
        {
            if (await SeenBy(grains, personId, projectId) is { } project && include(project))
            {
                var sessions = await grains.GetGrain<IProjectRecognitionGrain>(projectId).AttendedBy(personId);
                if (await ForProject(grains, personId, project, sessions) is { } contribution)
                {
                    projects.Add(contribution);
                }
            }
        }

        projects.Sort((a, b) => b.JoinedAt.CompareTo(a.JoinedAt));
        return new ContributionRecord(personId, projects, Totals(projects));
    }

    /// <summary>The project as the person sees it, or null when they cannot see it.</summary>
    public static async Task<ProjectView?> SeenBy(IGrainFactory grains, Guid personId, Guid projectId) =>
        (await grains.GetGrain<IProjectGrain>(projectId).Get(new Actor(personId)).OrNullWhenNotFound())?.Value;

    /// <summary>What the person did in one project; null when they do not take part in it.</summary>
    public static async Task<ProjectContribution?> ForProject(IGrainFactory grains, Guid personId, ProjectView project, IReadOnlyList<SessionRecord> sessions)
    {
        if (project.Participants.FirstOrDefault(p => p.PersonId == personId) is not { } participant)
        {
            return null;
        }

        var actor = new Actor(personId);
        var decisions = await SeenDecisions(grains, actor, project.Id);
        var items = (await grains.GetGrain<IAgendaGrain>(project.Id).Get(actor)).Value.Items
            .Where(i => i.ProposedBy == personId)
            .Select(i => new ItemProposed(i.Id, i.Title, i.Withdrawn, i.ProposedAt, [.. decisions.Where(d => d.View.AgendaItemIds.Contains(i.Id)).Select(d => d.View.Id)]))
            .ToList();
        var measures = (await grains.GetGrain<IEvaluationGrain>(project.Id).Get(actor)).Value.Measures
            .Select(m => new MeasureShaped(m.Id, m.Name, m.ProposedBy == personId, m.Endorsements.Any(e => e.PersonId == personId)))
            .Where(m => m.Proposed || m.Answered)
            .ToList();
        List<SessionAttended> attended = [.. sessions.Select(s => new SessionAttended(s.Id, s.Title, s.HeldOn, s.Hours))];
        return new ProjectContribution(
            project.Id,
            project.Name,
            project.OrganisationId,
            project.NetworkId,
            participant.Role,
            participant.JoinedAt,
            attended,
            attended.Sum(s => s.Hours),
            items,
            await Decisions(decisions, actor, project.Id),
            await Surveys(grains, actor, project.Id),
            measures,
            await Feedback(grains, actor, project.Id));
    }

    /// <summary>The project's decisions the person can see, oldest first, each read once for both items and decisions.</summary>
    private static async Task<List<(IDecisionGrain Grain, DecisionView View)>> SeenDecisions(IGrainFactory grains, Actor actor, Guid projectId)
    {
        var seen = new List<(IDecisionGrain, DecisionView)>();
        foreach (var id in Enumerable.Reverse(await grains.ProjectList(projectId, ProjectListKind.Decisions).List(actor)))
        {
            var decision = grains.GetGrain<IDecisionGrain>(id);
            if (await decision.Get(actor, projectId).OrNullWhenNotFound() is { } view)
            {
                seen.Add((decision, view.Value));
            }
        }

        return seen;
    }

    private static async Task<IReadOnlyList<DecisionShaped>> Decisions(List<(IDecisionGrain Grain, DecisionView View)> decisions, Actor actor, Guid projectId)
    {
        var shaped = new List<DecisionShaped>();
        foreach (var (decision, d) in decisions)
        {
            var mine = d.Anonymous ? null : await decision.Mine(actor, projectId);
            var entry = new DecisionShaped(
                d.Id,
                d.Title,
                mine?.Voted ?? false,
                mine?.Ballot?.Reason is not null,
                d.CreatedBy == actor.PersonId,
                d.Outcome?.RecordedBy == actor.PersonId);
            if (entry.Voted || entry.Proposed || entry.WroteOutcome)
            {
                shaped.Add(entry);
            }
        }

        return shaped;
    }

    private static async Task<IReadOnlyList<SurveyAnswered>> Surveys(IGrainFactory grains, Actor actor, Guid projectId)
    {
        var answered = new List<SurveyAnswered>();
        foreach (var id in Enumerable.Reverse(await grains.ProjectList(projectId, ProjectListKind.Surveys).List(actor)))
        {
            var survey = grains.GetGrain<ISurveyGrain>(id);
            if (await survey.Get(actor, projectId).OrNullWhenNotFound() is { Value.Anonymous: false } view
                && (await survey.Mine(actor, projectId)).Responded)
            {
                answered.Add(new SurveyAnswered(id, view.Value.Title));
            }
        }

        return answered;
    }

    private static async Task<IReadOnlyList<FeedbackAnswered>> Feedback(IGrainFactory grains, Actor actor, Guid projectId)
    {
        var answered = new List<FeedbackAnswered>();
        foreach (var id in Enumerable.Reverse((await grains.GetGrain<IProjectFeedbackGrain>(projectId).Overview(actor)).Ids))
        {
            if (await grains.GetGrain<IFeedbackGrain>(id).Peek() is { } entry
                && entry.Responses.FirstOrDefault(r => r.PersonId == actor.PersonId) is { } response)
            {
                answered.Add(new FeedbackAnswered(id, entry.DecisionId, response.SignOff));
            }
        }

        return answered;
    }

    private static ContributionTotals Totals(List<ProjectContribution> projects) => new(
        projects.Count,
        projects.Sum(p => p.Sessions.Count),
        projects.Sum(p => p.Hours),
        projects.Sum(p => p.ItemsProposed.Count),
        projects.Sum(p => p.Decisions.Count(d => d.Voted)),
        projects.Sum(p => p.Decisions.Count),
        projects.Sum(p => p.Surveys.Count),
        projects.Sum(p => p.Measures.Count),
        projects.Sum(p => p.Feedback.Count));
}
