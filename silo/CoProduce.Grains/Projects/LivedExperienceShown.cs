using CoProduce.Grains.People;

namespace CoProduce.Grains.Projects;

/// <summary>
/// The one rule for a person's lived-experience answer shown person by person (next to their name or id): only
/// the project's facilitators see it, only for people who agreed (<see cref="ParticipationConsent.ShowLivedExperience"/>)
/// in that project, and always as their profile says it now. Everyone else, and anyone who did not agree, gets null.
/// Every view that pairs a person with their answer (agenda items, measures, self-assessment ratings, the trail)
/// goes through it.
/// </summary>
internal static class LivedExperienceShown
{
    private static readonly Func<Guid, bool?> Nobody = _ => null;

    /// <summary>What <paramref name="access"/> may see of each of <paramref name="people"/> in the project.</summary>
    public static async Task<Func<Guid, bool?>> To(IGrainFactory grains, Guid projectId, ProjectAccess access, IEnumerable<Guid> people)
    {
        if (!access.CanFacilitate)
        {
            return Nobody;
        }

        var wanted = people.ToHashSet();
        if (wanted.Count == 0)
        {
            return Nobody;
        }

        var members = await grains.GetGrain<IProjectGrain>(projectId).Members();
        var consenting = members.Where(m => m.Consent.ShowLivedExperience && wanted.Contains(m.PersonId)).Select(m => m.PersonId).ToList();
        var answers = await Task.WhenAll(consenting.Select(async id => (Id: id, Lived: await grains.GetGrain<IPersonGrain>(id).LivedExperience())));
        var shown = answers.ToDictionary(a => a.Id, a => a.Lived);
        return id => shown.TryGetValue(id, out var lived) ? lived : null;
    }
}
