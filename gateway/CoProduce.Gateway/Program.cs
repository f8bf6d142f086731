using CoProduce.Gateway.Auth;
using CoProduce.Gateway.Cli;
using CoProduce.Gateway.Health;
using CoProduce.Gateway.Home;
using CoProduce.Gateway.Hosting;
using CoProduce.Gateway.Organisations;
using CoProduce.Gateway.Projects;
using CoProduce.Grains;
using CoProduce.Runtime.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoProduceSilo(silo => silo.AddCoProduceGrains());
builder.AddGatewayConventions();
builder.AddGatewayAuth();

var app = builder.Build();

app.UseGatewayConventions();
app.MapHome();
app.MapHealth();
app.MapOpenApi();
app.MapOrganisations();
app.MapProjects();

await app.RunOrExecuteCommandAsync(args);
