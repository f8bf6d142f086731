using CoProduce.Runtime.Hosting;

var builder = Host.CreateApplicationBuilder(args);

builder.AddCoProduceSilo();

builder.Build().Run();
