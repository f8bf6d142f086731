using CoProduce.Gateway.Api;
using CoProduce.Grains.Organisations;

namespace CoProduce.Gateway.Organisations;

/// <summary>What the organisation sets once for all its projects.</summary>
/// <param name="FeedbackOverdueAfterDays">Days (1-365) after a decision closes before its "you said, we did" feedback is flagged overdue; 28 until set.</param>
[ApiExample("""{"feedbackOverdueAfterDays":21}""")]
public sealed record OrganisationSettingsRequest(int FeedbackOverdueAfterDays)
{
    public OrganisationSettings ToSettings() => new(FeedbackOverdueAfterDays);
}
