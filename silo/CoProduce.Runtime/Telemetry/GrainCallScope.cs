using System.Diagnostics;
using CoProduce.Telemetry;

namespace CoProduce.Runtime.Telemetry;

/// <summary>
/// One observed grain call: a span (when someone listens to <see cref="CoProduceTelemetry.Source"/>)
/// and a duration measurement (when the histogram is enabled). Only used when one of them is on, so
/// the unobserved call path stays as it was.
/// </summary>
internal readonly struct GrainCallScope : IDisposable
{
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly string _grainType;
    private readonly string _method;

    private GrainCallScope(Activity? activity, string grainType, string method)
    {
        _activity = activity;
        _grainType = grainType;
        _method = method;
        _started = Stopwatch.GetTimestamp();
    }

    public static bool IsObserved => CoProduceTelemetry.Source.HasListeners() || CoProduceTelemetry.GrainCallDuration.Enabled;

    public static GrainCallScope Start(string spanName, string grainType, string grainKey, string method)
    {
        var activity = CoProduceTelemetry.Source.StartActivity(spanName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "coproduce");
            activity.SetTag("rpc.service", grainType);
            activity.SetTag("rpc.method", method);
            activity.SetTag(CoProduceTelemetry.GrainTypeTag, grainType);
            activity.SetTag(CoProduceTelemetry.GrainKeyTag, Unattributed.Key(grainKey));
            activity.SetTag(CoProduceTelemetry.GrainMethodTag, method);
        }

        return new GrainCallScope(activity, grainType, method);
    }

    public void Fail(Exception exception)
    {
        _activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        _activity?.SetTag("error.type", exception.GetType().FullName);
        Record("error");
    }

    public void Succeed() => Record("ok");

    public void Dispose() => _activity?.Dispose();

    private void Record(string outcome)
    {
        if (CoProduceTelemetry.GrainCallDuration.Enabled)
        {
            CoProduceTelemetry.GrainCallDuration.Record(
                CoProduceTelemetry.SecondsSince(_started),
                new KeyValuePair<string, object?>(CoProduceTelemetry.GrainTypeTag, _grainType),
                new KeyValuePair<string, object?>(CoProduceTelemetry.GrainMethodTag, _method),
                new KeyValuePair<string, object?>(CoProduceTelemetry.OutcomeTag, outcome));
        }
    }
}
