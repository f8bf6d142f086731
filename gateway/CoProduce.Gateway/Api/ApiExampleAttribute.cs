namespace CoProduce.Gateway.Api;

/// <summary>An example body for a request record, shown in the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ApiExampleAttribute(string json) : Attribute
{
    public string Json { get; } = json;
}
