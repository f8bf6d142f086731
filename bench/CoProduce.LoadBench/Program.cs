using CoProduce.LoadBench;
using CoProduce.LoadBench.Hosting;

if (args.FirstOrDefault() == "serve")
{
    await BenchServer.RunAsync(args[1..]);
    return 0;
}

return await LoadBenchmarks.RunAsync(args);
