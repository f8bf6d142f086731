using CoProduce.Live;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>Checks on hub arguments the grains do not make themselves.</summary>
internal static class LiveRequests
{
    public const int MaximumAccessNeeds = 10;
    public const int AccessNeedLength = 300;

    public static HubException Invalid(string why) => new($"{LiveErrors.Invalid}: {why}");

    public static void Check(JoinRequest? request)
    {
        if (request is null || request.ProjectId == Guid.Empty)
        {
            throw Invalid("projectId is required.");
        }

        if (request.AfterSequence < 0)
        {
            throw Invalid("afterSequence may not be negative.");
        }

        var needs = request.AccessNeeds ?? [];
        if (needs.Count > MaximumAccessNeeds || needs.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > AccessNeedLength || n.Any(char.IsControl)))
        {
            throw Invalid($"accessNeeds may have at most {MaximumAccessNeeds} entries of 1 to {AccessNeedLength} characters, without control characters.");
        }
    }

    /// <summary>The page size asked for, or the default; the project id is checked by the member lookup.</summary>
    public static int Limit(PresenceRequest? request)
    {
        var limit = (request ?? throw Invalid("projectId is required.")).Limit ?? PresencePage.DefaultLimit;
        return limit is >= 1 and <= PresencePage.MaxLimit
            ? limit
            : throw Invalid($"limit must be from 1 to {PresencePage.MaxLimit}.");
    }
}
