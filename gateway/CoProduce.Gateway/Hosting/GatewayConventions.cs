using System.Text.Json.Serialization;
using CoProduce.Gateway.Api;

namespace CoProduce.Gateway.Hosting;

/// <summary>What every endpoint shares: problem details for every error, JSON rules, limits and OpenAPI.</summary>
public static class GatewayConventions
{
    /// <summary>The largest request body the API reads; larger ones are refused with 413 before any work.</summary>
    public const long MaxRequestBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddGatewayConventions(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ApiErrorHandler>();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Enums travel by name; an unknown name is a 400, never a silent default.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // The web defaults read "12" as 12; here a number in quotes is a wrong type (400), as the conventions say.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.MaxDepth = 16;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.AddGatewayRateLimits();
        builder.Services.AddOpenApi(options => options.AddSchemaTransformer<ExampleSchemaTransformer>()
            .AddDocumentTransformer<BearerSecurityTransformer>().AddOperationTransformer<BearerSecurityTransformer>().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CoProduce API";
            document.Info.Description = "Co-production in health and social care: projects, agendas, decisions, payments and feedback. "
                + "Every error is RFC 9457 problem details. Send Authorization: Bearer <token>; a supporter acting with a contributor also sends "
                + "CoProduce-Acting-With: <their person id>. Creates accept Idempotency-Key; edits of shared things need If-Match.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication UseGatewayConventions(this WebApplication app)
    {
        // Unhandled exceptions and bare status codes (401, 404, 405, ...) both answer with problem details.
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseIfMatchValidation();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
