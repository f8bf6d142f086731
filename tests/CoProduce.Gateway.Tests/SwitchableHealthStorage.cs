using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Tests;

/// <summary>Storage whose health check fails while <paramref name="broken"/> says so.</summary>
public sealed class SwitchableHealthStorage(IGrainStorage inner, Func<bool> broken) : DelegatingGrainStorage(inner)
{
    public override Task CheckHealthAsync(CancellationToken cancellationToken) =>
        broken() ? Task.FromException(new IOException("database unreachable (injected)")) : base.CheckHealthAsync(cancellationToken);
}
