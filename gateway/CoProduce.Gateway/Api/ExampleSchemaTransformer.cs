using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CoProduce.Gateway.Api;

/// <summary>Puts each request record's <see cref="ApiExampleAttribute"/> into its OpenAPI schema.</summary>
internal sealed class ExampleSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.GetCustomAttribute<ApiExampleAttribute>() is { } example)
        {
            schema.Examples = [JsonNode.Parse(example.Json)!];
        }

        return Task.CompletedTask;
    }
}
