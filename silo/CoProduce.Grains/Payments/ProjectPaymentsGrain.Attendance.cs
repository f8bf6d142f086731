using CoProduce.Grains.Common;
using CoProduce.Grains.Live;
using CoProduce.Grains.Projects;
using CoProduce.Live;

namespace CoProduce.Grains.Payments;

/// <summary>
/// Claims from a closed live session's attendance: one draft per contributor present, for their time, at the rate
/// card's rate; refused whole (nothing made) when anything asked for is wrong.
/// </summary>
public sealed partial class ProjectPaymentsGrain
{
    public async Task CheckAttendanceClaims(Actor actor, AttendanceClaimsSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var project = await Facilitated(actor);
        var open = await GrainFactory.GetGrain<IProjectLiveGrain>(ProjectId).OpenSessionNow();
        await Pricing(project, actor, spec, DateOnly.FromDateTime((open?.OpenedAt ?? time.GetUtcNow()).UtcDateTime));
    }

    public async Task<AttendanceClaims> ClaimAttendance(Actor actor, Guid sessionId, AttendanceClaimsSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var project = await Facilitated(actor);
        Text.Required(spec.Role, "role");
        Text.Required(spec.Activity, "activity");
        var session = await GrainFactory.GetGrain<ILiveSessionGrain>(sessionId).Get();
        if (session is null || session.ProjectId != ProjectId)
        {
            var open = await GrainFactory.GetGrain<IProjectLiveGrain>(ProjectId).OpenSessionNow();
            throw open?.Id == sessionId
                ? DomainException.Conflict("The session is still open: attendance is counted when it closes.")
                : DomainException.NotFound("The session");
        }

        // Every contributor present when nobody is named; named people must have been present as contributors.
        var present = session.Attendance.Where(a => a.Role == LiveRole.Contributor && a.SecondsPresent > 0).ToDictionary(a => a.PersonId);
        List<SessionAttendee> chosen;
        if (spec.People is { } named)
        {
            if (named.Count == 0 || named.Count > 50)
            {
                throw DomainException.Invalid("people", $"Name between 1 and 50 people, or leave people out for everyone present.");
            }

            chosen = [];
            foreach (var personId in named.Distinct())
            {
                chosen.Add(present.TryGetValue(personId, out var attendee)
                    ? attendee
                    : throw DomainException.Invalid("people", $"{personId} was not present in this session as a contributor."));
            }
        }
        else
        {
            chosen = [.. present.Values];
        }

        // Never twice: a named person who has a claim from this session already refuses the whole request. Someone
        // who is no longer a contributor of the project (removed since) is refused when named and skipped otherwise,
        // here, before any claim is made, so that a request is refused whole or made whole.
        var fresh = new List<SessionAttendee>();
        foreach (var attendee in chosen)
        {
            if (await project.RoleOf(attendee.PersonId) != ProjectRole.Contributor)
            {
                if (spec.People is not null)
                {
                    throw DomainException.Invalid("people", $"{attendee.PersonId} is no longer a contributor of this project.");
                }

                continue;
            }

            if (await store.GetClaimAsync(AttendanceClaimRules.ClaimId(sessionId, attendee.PersonId), CancellationToken.None) is null)
            {
                fresh.Add(attendee);
            }
            else if (spec.People is not null)
            {
                throw DomainException.Conflict($"{attendee.PersonId} has a claim from this session already.");
            }
        }

        if (fresh.Count == 0)
        {
            throw DomainException.Conflict(chosen.Count == 0
                ? "Nobody was present in this session as a contributor."
                : "Everyone present has a claim from this session already.");
        }

        // The rate is checked once, before any claim is made, so a wrong role or activity makes none.
        var day = DateOnly.FromDateTime(session.OpenedAt.UtcDateTime);
        var (payer, policy, rate) = await Pricing(project, actor, spec, day);

        var created = new List<ClaimView>(fresh.Count);
        foreach (var attendee in fresh.OrderBy(a => a.PersonId))
        {
            var claimSpec = new ClaimSpec(attendee.PersonId, payer.Kind, day, policy.Currency, rate.Role, rate.Activity,
                AttendanceClaimRules.Quantity(rate.Unit, attendee.SecondsPresent, policy.AttendanceMinutes), [], false, AttendanceClaimRules.Note(session, attendee));
            created.Add(await GrainFactory.GetGrain<IClaimGrain>(AttendanceClaimRules.ClaimId(sessionId, attendee.PersonId)).Draft(actor, ProjectId, claimSpec));
        }

        return new AttendanceClaims(sessionId, created);
    }

    private async Task<IProjectGrain> Facilitated(Actor actor)
    {
        var project = GrainFactory.GetGrain<IProjectGrain>(ProjectId);
        await project.EnsureCanFacilitate(actor, "Only the project's facilitators turn a session's attendance into claims.");
        return project;
    }

    /// <summary>Who pays and at what rate: the payer's rate card must have the role and activity on that day.</summary>
    private async Task<(PayerRef Payer, PaymentPolicy Policy, Rate Rate)> Pricing(IProjectGrain project, Actor actor, AttendanceClaimsSpec spec, DateOnly day)
    {
        var role = Text.Required(spec.Role, "role");
        var activity = Text.Required(spec.Activity, "activity");
        var view = (await project.Get(actor)).Value;
        var payer = spec.Payer == PayerKind.Network && view.NetworkId is { } network
            ? new PayerRef(PayerKind.Network, network)
            : spec.Payer == PayerKind.Organisation
                ? new PayerRef(PayerKind.Organisation, view.OrganisationId)
                : throw DomainException.Invalid("payer", "payer must be Organisation, or Network when the project is run in one.");
        var policy = await GrainFactory.GetGrain<IPayerGrain>(payer.Key).Policy()
            ?? throw DomainException.Conflict($"The {payer.Kind.ToString().ToLowerInvariant()} has no rate card yet; ask its finance staff to set one.");
        var rate = PolicyRules.RateFor(policy, role, activity, day)
            ?? throw DomainException.Invalid("role", $"The rate card has no rate for '{role}' doing '{activity}' on {day:yyyy-MM-dd}.");
        return (payer, policy, rate);
    }
}
