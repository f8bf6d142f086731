using CoProduce.Grains;
using CoProduce.Runtime.Hosting;

var builder = Host.CreateApplicationBuilder(args);

builder.AddCoProduceSilo(silo => silo.AddCoProduceGrains());

builder.Build().Run();
