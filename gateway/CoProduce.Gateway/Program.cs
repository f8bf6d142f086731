using CoProduce.Gateway.Cli;
using CoProduce.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoProduceGateway();
builder.ListenOnDefaultAddressUnlessConfigured();
builder.RunCommandsWithoutListening(args);

var app = builder.Build();

app.UseGatewayConventions();
app.MapCoProduceApi();

await app.RunOrExecuteCommandAsync(args);
