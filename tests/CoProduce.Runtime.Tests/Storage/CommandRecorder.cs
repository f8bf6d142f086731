using System.Collections.Concurrent;
using System.Diagnostics;

namespace CoProduce.Runtime.Tests.Storage;

/// <summary>
/// Records the commands Npgsql sends (its activity source), keeping only those inside the trace of its own
/// root activity, so tests running in parallel do not see each other's commands.
/// </summary>
public sealed class CommandRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Activity _root = new("command-recorder");
    private readonly ConcurrentQueue<string> _commands = new();

    public CommandRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root.TraceId)
                {
                    _commands.Enqueue(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root.Start();
    }

    /// <summary>The commands sent so far in this recorder's trace, by span name.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public void Dispose()
    {
        _root.Stop();
        _listener.Dispose();
    }
}
