using CoProduce.Gateway.Health;
using CoProduce.Gateway.Home;
using CoProduce.Gateway.Hosting;
using CoProduce.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoProduceSilo();
builder.AddGatewayConventions();

var app = builder.Build();

app.UseGatewayConventions();
app.MapHome();
app.MapHealth();
app.MapOpenApi();

app.Run();
