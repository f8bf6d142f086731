using CoProduce.Gateway.Api;
using CoProduce.Grains.Reports;

namespace CoProduce.Gateway.Reports;

/// <summary>Where the project stands now on the ladder of co-production.</summary>
/// <param name="Level">Coercion, Educating, Informing, Consultation, Engagement, CoDesign or CoProduction.</param>
/// <param name="Note">Why, in your own words (up to 4,000 characters).</param>
[ApiExample("""{"level":"CoDesign","note":"We set the agenda together now, but the budget is still decided without us."}""")]
public sealed record SelfAssessmentRequest(CoProductionLevel Level, string? Note = null);
