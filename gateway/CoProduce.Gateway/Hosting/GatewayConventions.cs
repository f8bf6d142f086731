namespace CoProduce.Gateway.Hosting;

/// <summary>What every endpoint shares: problem details for every error, OpenAPI and structured logs.</summary>
public static class GatewayConventions
{
    public static WebApplicationBuilder AddGatewayConventions(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CoProduce API";
            document.Info.Description = "Co-production in health and social care: projects, agendas, decisions, payments and feedback.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UseGatewayConventions(this WebApplication app)
    {
        // Unhandled exceptions and bare status codes (404, 405, ...) both answer with RFC 9457 problem details.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
