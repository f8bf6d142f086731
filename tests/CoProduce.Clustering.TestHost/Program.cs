using CoProduce.Clustering;
using CoProduce.Clustering.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Settings come from the environment (CoProduce__Cluster__SiloPort=...). With ClusterTestHost__ProbeKey set, the
// node writes that probe grain before announcing itself, so the grain lives here when the test kills this process.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddCoProduceCluster(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();

if (Guid.TryParse(builder.Configuration["ClusterTestHost:ProbeKey"], out var probe))
{
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    await grains.GetGrain<IClusterProbeGrain>(probe).Write(int.Parse(builder.Configuration["ClusterTestHost:ProbeValue"] ?? "1", System.Globalization.CultureInfo.InvariantCulture));
}

Console.WriteLine(TestHostOutput.Ready);
await host.WaitForShutdownAsync();
