using CoProduce.LiveBench;
using CoProduce.LiveBench.Hosting;

return args.FirstOrDefault() switch
{
    ServerProcess.GatewayMode => await GatewayServer.RunAsync(args[1..]),
    ServerProcess.BareHubMode => await BareHubServer.RunAsync(args[1..]),
    _ => await LiveBenchmarks.RunAsync(args),
};
