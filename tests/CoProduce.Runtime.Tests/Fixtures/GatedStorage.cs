using CoProduce.Journal.Storage;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>Counts state writes, can hold the first one at a gate, and can fail a chosen write.</summary>
public sealed class GatedStorage(IGrainStorage inner) : DelegatingGrainStorage(inner)
{
    private int _writes;

    public TaskCompletionSource FirstWriteGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int FailWriteNumber { get; set; }

    /// <summary>
    /// When set, the first write also keeps the turn that started it (the activation's executor) busy
    /// until this is set, so calls made meanwhile queue on the activation instead of running inline.
    /// </summary>
    public ManualResetEventSlim? FirstWriteTurnGate { get; init; }

    public int Writes => Volatile.Read(ref _writes);

    public override async Task<string> WriteStateAsync(StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _writes);
        if (number == 1)
        {
            FirstWriteStarted.TrySetResult();
            if (FirstWriteTurnGate is { } turn && !turn.Wait(TimeSpan.FromSeconds(30), cancellationToken))
            {
                throw new TimeoutException("The test never let the first write's turn go.");
            }

            await FirstWriteGate.Task;
        }

        if (number == FailWriteNumber)
        {
            throw new IOException("write failed (injected)");
        }

        return await base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);
    }
}
