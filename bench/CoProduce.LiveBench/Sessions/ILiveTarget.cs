using CoProduce.LiveBench.Clients;
using CoProduce.LiveBench.Hosting;

namespace CoProduce.LiveBench.Sessions;

/// <summary>A server the bench connects clients to, and the one action whose push it times.</summary>
public interface ILiveTarget : IAsyncDisposable
{
    string Name { get; }

    ServerProcess Server { get; }

    /// <summary>False to open clients connected but not joined to the session (to split memory between the two).</summary>
    bool JoinOnOpen { get; set; }

    /// <summary>Opens the <paramref name="n"/>-th listening client and joins it to the session.</summary>
    Task<LightClient> OpenAsync(int n, CancellationToken cancellationToken);

    /// <summary>Opens the client that acts, joined like the others.</summary>
    Task<LightClient> OpenActorAsync(CancellationToken cancellationToken);

    /// <summary>Makes the server push one message to everyone: a vote, or the bare hub's broadcast.</summary>
    Task ActAsync(LightClient actor, int round, CancellationToken cancellationToken);
}
