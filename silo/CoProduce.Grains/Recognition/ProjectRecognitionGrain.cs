using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Recognition;

/// <summary>
/// A project's recognition: the sessions its facilitators record (who came, for how long), its credits
/// and its certificates. Credits and certificates read each person's consent at the moment they are
/// asked for, so a withdrawal takes effect on the very next read.
/// </summary>
[GrainType("projectrecognition")]
public sealed class ProjectRecognitionGrain(
    [JournaledState("project-recognition")] IJournaledState<ProjectRecognitionState> state,
    TimeProvider time) : JournaledGrain, IProjectRecognitionGrain
{
    // Bounds the stored list; a project holding more sessions than this is far outside normal use.
    private const int MaxSessions = 5000;
    private const int MaxAttendees = 200;
    private const decimal MaxHours = 24m;

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<SessionRecord> RecordSession(Actor actor, SessionSpec spec)
    {
        var project = await EnsureCanFacilitate(actor);
        if (project.Stage == ProjectStage.Closed)
        {
            throw DomainException.Conflict("The project is closed; nothing in it changes now.");
        }

        var title = Text.Required(spec.Title, "title");
        var now = time.GetUtcNow();
        if (spec.HeldOn > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)) || spec.HeldOn < DateOnly.FromDateTime(project.CreatedAt.UtcDateTime.AddDays(-1)))
        {
            throw DomainException.Invalid("heldOn", "heldOn must be a day the project was running, not in the future.");
        }

        if (spec.Hours <= 0 || spec.Hours > MaxHours || decimal.Round(spec.Hours, 2) != spec.Hours)
        {
            throw DomainException.Invalid("hours", $"hours must be more than 0 and at most {MaxHours}, in hundredths at most.");
        }

        var attendees = (spec.Attendees ?? []).Distinct().ToList();
        if (attendees.Count is 0 or > MaxAttendees)
        {
            throw DomainException.Invalid("attendees", $"attendees must name between 1 and {MaxAttendees} people.");
        }

        var taking = project.Participants.Select(p => p.PersonId).ToHashSet();
        if (attendees.Any(a => !taking.Contains(a)))
        {
            throw DomainException.Invalid("attendees", "Every attendee must take part in the project.");
        }

        if (state.State.Sessions.Count >= MaxSessions)
        {
            throw DomainException.Conflict($"This project already has {MaxSessions} sessions recorded, the most it can keep.");
        }

        var session = new SessionRecord(Guid.NewGuid(), title, spec.HeldOn, spec.Hours, attendees, actor.PersonId, actor.SupportedBy, now);
        RaiseEvent(new SessionRecorded(ProjectId, session.Id, session.HeldOn, session.Hours, attendees, actor.PersonId, actor.SupportedBy));
        state.State = state.State with { Sessions = [.. state.State.Sessions, session] };
        await state.WriteStateAsync();
        return session;
    }

    public async Task<IReadOnlyList<SessionRecord>> Sessions(Actor actor)
    {
        await EnsureCanFacilitate(actor);
        return [.. Enumerable.Reverse(state.State.Sessions)];
    }

    public Task<IReadOnlyList<SessionRecord>> AttendedBy(Guid personId) =>
        Task.FromResult<IReadOnlyList<SessionRecord>>([.. state.State.Sessions.Where(s => s.Attendees.Contains(personId))]);

    public async Task<CreditsList> Credits(Actor actor)
    {
        var project = (await GrainFactory.GetGrain<IProjectGrain>(ProjectId).Get(actor)).Value;
        var consents = await Task.WhenAll(project.Participants.Select(async p =>
            (Participant: p, Consent: await GrainFactory.GetGrain<IRecognitionGrain>(p.PersonId).ConsentFor(ProjectId))));
        List<Credit> credits = [.. consents
            .Where(c => c.Consent is { Credits: true })
            .Select(c => new Credit(c.Consent!.Name, c.Participant.Role))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Name, StringComparer.Ordinal)];
        return new CreditsList(ProjectId, project.Name, credits);
    }

    public async Task<Certificate> Certificate(Actor actor, Guid personId)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).AccessOf(actor);
        var self = actor.PersonId == personId;
        if (!access.CanSee || !(self || access.CanFacilitate))
        {
            throw DomainException.NotFound("The certificate");
        }

        var consent = await GrainFactory.GetGrain<IRecognitionGrain>(personId).ConsentFor(ProjectId);
        var project = await ContributionReader.SeenBy(GrainFactory, personId, ProjectId);
        var contribution = project is null ? null : await ContributionReader.ForProject(GrainFactory, personId, project, await AttendedBy(personId));
        if (contribution is null || consent is not { Certificate: true })
        {
            // The person is told why; anyone else learns nothing about what the person chose.
            throw self && contribution is not null
                ? DomainException.Conflict("A certificate is made only with your consent: give it for this project first (PUT /api/me/recognition/{projectId}).")
                : DomainException.NotFound("The certificate");
        }

        return new Certificate(ProjectId, project!.Name, personId, consent.Name, contribution.Role, contribution.JoinedAt, time.GetUtcNow(), contribution);
    }

    private async Task<ProjectView> EnsureCanFacilitate(Actor actor)
    {
        var project = GrainFactory.GetGrain<IProjectGrain>(ProjectId);
        await project.EnsureCanFacilitate(actor);
        return (await project.Get(actor)).Value;
    }
}
