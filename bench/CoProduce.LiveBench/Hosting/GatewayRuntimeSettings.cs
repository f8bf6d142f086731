using System.Text.Json;

namespace CoProduce.LiveBench.Hosting;

/// <summary>
/// The gateway's own GC settings (from CoProduce.Gateway.runtimeconfig.json, copied beside this program) as
/// environment variables, so the gateway started by the bench, which runs under this program's runtime
/// settings, collects garbage as the shipped gateway does.
/// </summary>
public static class GatewayRuntimeSettings
{
    private const string FileName = "CoProduce.Gateway.runtimeconfig.json";

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["System.GC.Server"] = "DOTNET_gcServer",
        ["System.GC.Concurrent"] = "DOTNET_gcConcurrent",
    };

    public static IReadOnlyDictionary<string, string> Environment()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties))
        {
            foreach (var (setting, variable) in Variables)
            {
                if (properties.TryGetProperty(setting, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    found[variable] = value.GetBoolean() ? "1" : "0";
                }
            }
        }

        return found;
    }
}
