using CoProduce.Gateway.Cli;
using CoProduce.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoProduceGateway();

var app = builder.Build();

app.UseGatewayConventions();
app.MapCoProduceApi();

await app.RunOrExecuteCommandAsync(args);
