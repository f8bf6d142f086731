using CoProduce.LoadBench;
using CoProduce.LoadBench.Hosting;

if (args.FirstOrDefault() == BenchServer.Mode)
{
    await BenchServer.RunAsync(args[1..]);
    return 0;
}

return await LoadBenchmarks.RunAsync(args);
