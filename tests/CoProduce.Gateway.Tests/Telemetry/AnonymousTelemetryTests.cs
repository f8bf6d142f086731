using System.Net;
using CoProduce.Gateway.Auth;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Evaluation;
using CoProduce.Testing;
using CoProduce.Testing.Telemetry;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>
/// The gateway exports traces, metrics and logs (debug logs included) to a real OTLP/HTTP receiver while
/// people cast anonymous ballots and give anonymous survey answers, themselves and through their supporter.
/// Nothing received may hold the voter's id in any form, while the same routes in a decision that is not
/// anonymous do show its voter's id to the same receiver.
/// </summary>
public abstract class AnonymousTelemetryTests(ITestDatabase database)
{
    [Fact]
    public async Task NoExportedSpanLogOrMetricNamesWhoCastAnAnonymousBallotOrAnswer()
    {
        // The world is set up without telemetry: adding someone to a project names them, as it should.
        DecisionProject decisions;
        EvaluationProject evaluation;
        (Guid Anonymous, Guid Named) decision;
        (Guid Anonymous, Guid Named) survey;
        (Guid Anonymous, Guid Named) scaleQuestion;
        await using (var setup = new GatewayApplication(database))
        {
            decisions = await DecisionProject.Create(setup);
            evaluation = new EvaluationProject(setup, decisions.People);
            decision = (
                DecisionProject.Id(await decisions.Decide("Consent", extra: new { anonymous = true })),
                DecisionProject.Id(await decisions.Decide("Consent")));
            var (anonymousSurvey, namedSurvey) = (await evaluation.CreateSurvey(anonymous: true), await evaluation.CreateSurvey());
            survey = (EvaluationProject.Id(anonymousSurvey), EvaluationProject.Id(namedSurvey));
            scaleQuestion = (EvaluationProject.Question(anonymousSurvey, 0), EvaluationProject.Question(namedSurvey, 0));
        }

        var people = decisions.People;
        var (voter, namedVoter) = (people.Contributor, people.SecondContributor);
        await using var receiver = await OtlpReceiver.StartAsync();
        await using (var app = new GatewayApplication(database, new Dictionary<string, string?>
        {
            ["CoProduce:Telemetry:OtlpEndpoint"] = receiver.Endpoint.ToString(),
            ["CoProduce:Telemetry:OtlpProtocol"] = "http/protobuf",
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        }))
        {
            var asVoter = app.CreateClient(voter);
            var asSupporter = app.CreateClient(people.Supporter);
            asSupporter.DefaultRequestHeaders.Add(ActorResolver.ActingWithHeader, voter.ToString());
            var ballot = $"{decisions.Url}/{decision.Anonymous}/ballot";
            var response = $"{evaluation.Surveys}/{survey.Anonymous}/response";

            await asVoter.PutJson(ballot, new { position = "Agree" }).Expect(HttpStatusCode.OK);
            await asVoter.GetAsync(ballot).Expect(HttpStatusCode.OK);
            await asSupporter.PutJson(ballot, new { position = "Disagree", reason = "Too rushed" }).Expect(HttpStatusCode.OK);
            await asVoter.PutJson(response, Answers(scaleQuestion.Anonymous, 2)).Expect(HttpStatusCode.OK);
            await asVoter.GetAsync(response).Expect(HttpStatusCode.OK);
            await asSupporter.PutJson(response, Answers(scaleQuestion.Anonymous, 4)).Expect(HttpStatusCode.OK);

            // The control: the same routes, in a decision and a survey that are not anonymous, by someone else.
            var asNamedVoter = app.CreateClient(namedVoter);
            await asNamedVoter.PutJson($"{decisions.Url}/{decision.Named}/ballot", new { position = "Agree" }).Expect(HttpStatusCode.OK);
            await asNamedVoter.PutJson($"{evaluation.Surveys}/{survey.Named}/response", Answers(scaleQuestion.Named, 5)).Expect(HttpStatusCode.OK);

            // The work reaches the receiver (traces and logs are sent in batches, every few seconds), so the search
            // below is over real exports; the control's voter appearing shows the search finds an id when it is there.
            // Orleans names a grain call's span after the interface and the method, and writes a Guid key without dashes.
            string[] spans = ["IDecisionGrain/Vote", "ISurveyGrain/Respond", "IPersonGrain/LivedExperience"];
            await receiver.WaitUntil(
                r => spans.All(span => r.Received("traces").Any(t => t.Contains(span, StringComparison.Ordinal)))
                    && r.Received("logs").Count > 0
                    && r.All.Any(e => e.Contains(namedVoter.ToString("D"), StringComparison.OrdinalIgnoreCase)
                        || e.Contains(namedVoter.ToString("N"), StringComparison.OrdinalIgnoreCase)),
                TimeSpan.FromSeconds(90),
                () => $"spans {string.Join(", ", spans)}, logs and the control's voter; received {string.Join(", ", receiver.Signals)}");
        }

        // Disposing the gateway flushed what was left. Metrics carry grain types and methods only; they are searched too.
        foreach (var form in new[] { voter.ToString("D"), voter.ToString("N"), voter.ToString("D").ToUpperInvariant() })
        {
            var leak = receiver.All.FirstOrDefault(e => e.Contains(form, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"An export names the anonymous voter: ...{Around(leak, form)}...");
        }
    }

    private static string Around(string? export, string form)
    {
        if (export is null)
        {
            return "";
        }

        var at = export.IndexOf(form, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 300);
        return new string([.. export[start..Math.Min(export.Length, at + 100)].Select(c => char.IsControl(c) ? ' ' : c)]);
    }

    private static object Answers(Guid scaleQuestion, int scale) => new { answers = new[] { new { questionId = scaleQuestion, scale } } };
}

/// <summary>
/// Spans and logs are listened to process-wide, so while these run no other test may: its work would fill the
/// export queues (and the receiver) with spans of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryExportCollection
{
    public const string Name = "Telemetry export";
}

[Collection(TelemetryExportCollection.Name)]
public sealed class SqliteAnonymousTelemetryTests(SqliteDatabase database) : AnonymousTelemetryTests(database), IClassFixture<SqliteDatabase>;

[Collection(TelemetryExportCollection.Name)]
public sealed class PostgresAnonymousTelemetryTests(PostgresDatabase database) : AnonymousTelemetryTests(database), IClassFixture<PostgresDatabase>;
