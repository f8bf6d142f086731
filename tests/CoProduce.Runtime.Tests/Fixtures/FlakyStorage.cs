using CoProduce.Journal.Storage;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>Storage that fails the next state read or write on request, to test activation and write failures.</summary>
public sealed class FlakyStorage(IGrainStorage inner) : DelegatingGrainStorage(inner)
{
    public const string Message = "storage unavailable (injected)";

    private volatile bool _failNextRead;
    private volatile bool _failNextWrite;
    private volatile bool _failNextWriteBefore;

    /// <summary>The next state write fails before it reaches the database.</summary>
    public bool FailNextWrite
    {
        get => _failNextWriteBefore;
        set => _failNextWriteBefore = value;
    }

    /// <summary>The next state write fails after it has committed, as when the connection drops before the answer.</summary>
    public bool FailNextWriteAfterCommit
    {
        get => _failNextWrite;
        set => _failNextWrite = value;
    }

    public bool FailNextRead
    {
        get => _failNextRead;
        set => _failNextRead = value;
    }

    public override Task<StoredState?> ReadStateAsync(StateKey key, CancellationToken cancellationToken)
    {
        if (_failNextRead)
        {
            _failNextRead = false;
            return Task.FromException<StoredState?>(new IOException(Message));
        }

        return base.ReadStateAsync(key, cancellationToken);
    }

    public override async Task<string> WriteStateAsync(
        StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        if (_failNextWriteBefore)
        {
            _failNextWriteBefore = false;
            throw new IOException(Message);
        }

        var etag = await base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);
        if (_failNextWrite)
        {
            _failNextWrite = false;
            throw new IOException(Message);
        }

        return etag;
    }
}
