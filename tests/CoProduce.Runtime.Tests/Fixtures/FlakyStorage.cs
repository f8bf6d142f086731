using CoProduce.Runtime.Storage;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>Storage that fails the next state read or write on request, as a database that went away would.</summary>
public sealed class FlakyStorage(IGrainStorage inner) : DelegatingGrainStorage(inner)
{
    public const string Message = "storage unavailable (injected)";

    private volatile bool _failNextRead;
    private volatile bool _failNextWrite;

    public bool FailNextWrite
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

    public override Task<string> WriteStateAsync(StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        if (_failNextWrite)
        {
            _failNextWrite = false;
            return Task.FromException<string>(new IOException(Message));
        }

        return base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);
    }
}
