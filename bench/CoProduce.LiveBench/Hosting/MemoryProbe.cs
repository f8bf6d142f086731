using System.Runtime;

namespace CoProduce.LiveBench.Hosting;

/// <summary>
/// <c>GET /bench/memory</c>, mapped only by the bench's own hosts and only when CoProduce:Bench:MemoryProbe
/// is true: a full blocking compacting collection (twice), then the managed heap size. With
/// <c>?decommit=true</c> the collection is the aggressive kind, after which the GC hands the memory it
/// keeps free for later allocations back to the operating system. The bench reads the process's resident
/// set from /proc itself.
/// </summary>
public static class MemoryProbe
{
    public const string Setting = "CoProduce:Bench:MemoryProbe";
    public const string Path = "/bench/memory";

    public static WebApplication MapMemoryProbe(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(Setting))
        {
            app.MapGet(Path, (bool? decommit) =>
            {
                var mode = decommit == true ? GCCollectionMode.Aggressive : GCCollectionMode.Forced;
                for (var i = 0; i < 2; i++)
                {
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(GC.MaxGeneration, mode, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }

                var info = GC.GetGCMemoryInfo();
                return new MemoryReading(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.TotalCommittedBytes, Environment.ProcessId);
            });
        }

        return app;
    }
}

/// <summary>
/// Live objects after a full collection, the heap's size including fragmentation, the memory the GC has
/// committed, and the server's process id (for heap dumps).
/// </summary>
public sealed record MemoryReading(long LiveBytes, long HeapBytes, long CommittedBytes, int ProcessId);
