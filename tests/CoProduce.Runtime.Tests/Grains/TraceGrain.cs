using System.Diagnostics;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Tests.Grains;

public interface ITraceGrain : IGrainWithStringKey
{
    /// <summary>The trace id current inside the grain's turn.</summary>
    Task<string?> TraceId();

    /// <summary>The trace id another grain sees when this one calls it.</summary>
    Task<string?> TraceIdVia(string otherKey);
}

public sealed class TraceGrain : Grain, ITraceGrain
{
    public Task<string?> TraceId() => Task.FromResult<string?>(Activity.Current?.TraceId.ToHexString());

    public async Task<string?> TraceIdVia(string otherKey)
    {
        // Yield first, so the nested call starts from a continuation in this grain's executor.
        await Task.Yield();
        return await GrainFactory.GetGrain<ITraceGrain>(otherKey).TraceId();
    }
}
