using System.Text.Json;
using Orleans.Storage;

namespace CoProduce.Journal.State;

/// <summary>
/// Grain state as System.Text.Json of its records, with web defaults (camelCase) and no CLR type names,
/// so a renamed class or namespace still reads what was stored. The journaled states use it; as an
/// <see cref="IGrainStorageSerializer"/> it also serves Orleans' ADO.NET grain storage for plain state.
/// </summary>
public sealed class JsonStateSerializer : IGrainStorageSerializer
{
    public JsonStateSerializer()
        : this(new JsonSerializerOptions(JsonSerializerDefaults.Web))
    {
    }

    public JsonStateSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options every state and event is written with.</summary>
    public JsonSerializerOptions Options { get; }

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
            ?? throw new JsonException($"Stored state is JSON null where a {typeof(T).Name} was expected.");
    }
}
