using CoProduce.Clustering.Health;
using CoProduce.Grains.Hosting;
using Microsoft.AspNetCore.Builder;

// The worker serves nothing but its health endpoints over HTTP, for the orchestrator's probes.
var builder = WebApplication.CreateBuilder(args);

builder.AddCoProduceSilo();

var app = builder.Build();

app.MapCoProduceHealth();

app.Run();
