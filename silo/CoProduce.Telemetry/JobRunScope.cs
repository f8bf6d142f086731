using System.Diagnostics;

namespace CoProduce.Telemetry;

/// <summary>
/// One run of a background job: a span <c>job {name}</c> (when someone listens) that the job's own grain and
/// storage work nests under, and a <see cref="CoProduceTelemetry.JobRunDuration"/> measurement tagged with the
/// job's name and outcome, recorded inside that span.
/// </summary>
public sealed class JobRunScope : IDisposable
{
    /// <summary>Tag (spans only): the id of the run, e.g. a payout run.</summary>
    public const string RunTag = "coproduce.job.run";

    private readonly Activity? _activity;
    private readonly string _job;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _recorded;

    private JobRunScope(string job, Activity? activity)
    {
        _job = job;
        _activity = activity;
    }

    public static JobRunScope Start(string job, string? runId = null)
    {
        var activity = CoProduceTelemetry.Source.StartActivity($"job {job}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(CoProduceTelemetry.JobTag, job);
            if (runId is not null)
            {
                activity.SetTag(RunTag, runId);
            }
        }

        return new JobRunScope(job, activity);
    }

    public void Succeed() => Record("ok");

    public void Fail(Exception exception)
    {
        _activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        _activity?.SetTag("error.type", exception.GetType().FullName);
        Record("error");
    }

    public void Dispose() => _activity?.Dispose();

    private void Record(string outcome)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        if (CoProduceTelemetry.JobRunDuration.Enabled)
        {
            CoProduceTelemetry.JobRunDuration.Record(
                CoProduceTelemetry.SecondsSince(_started),
                new KeyValuePair<string, object?>(CoProduceTelemetry.JobTag, _job),
                new KeyValuePair<string, object?>(CoProduceTelemetry.OutcomeTag, outcome));
        }
    }
}
