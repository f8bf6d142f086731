using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Tests.Grains;

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Passes the call along <paramref name="path"/> (grain keys); the last grain answers with its key.</summary>
    Task<string> Relay(string[] path);
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<string> Relay(string[] path) => path.Length == 0
        ? Task.FromResult(GrainId.Key)
        : GrainFactory.GetGrain<IRelayGrain>(path[0]).Relay(path[1..]);
}
