using CoProduce.Runtime.Storage;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>Storage that fails the next state read on request, to test activation failure.</summary>
public sealed class FlakyStorage(IGrainStorage inner) : DelegatingGrainStorage(inner)
{
    public const string Message = "storage unavailable (injected)";

    private volatile bool _failNextRead;

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
}
