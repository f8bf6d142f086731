using CoProduce.Grains;
using CoProduce.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;

// The worker serves nothing but its health endpoints over HTTP, for the orchestrator's probes.
var builder = WebApplication.CreateBuilder(args);

builder.AddCoProduceSilo(silo => silo.AddCoProduceGrains());

var app = builder.Build();

app.MapCoProduceHealth();

app.Run();
