using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Tests.Grains;

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}

public interface ILongKeyGrain : IGrainWithIntegerKey
{
    ValueTask<long> Key();
}

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());
}

public sealed class LongKeyGrain : Grain, ILongKeyGrain
{
    public ValueTask<long> Key() => ValueTask.FromResult(GetPrimaryKeyLong());
}
