using System.Text.Json;
using CoProduce.Live;
using Orleans.Serialization;

namespace CoProduce.Grains.Live;

/// <summary>
/// The live hub's wire records (CoProduce.Live.Contracts) also cross grain boundaries (snapshots, presence pages,
/// speaking time). That project stays free of Orleans for the SDKs, so it has no generated serializers: Orleans
/// carries its types as JSON, the format the SDKs already read them in, so their identity on the wire is the one
/// clients depend on anyway. Every silo and client of the cluster registers this.
/// </summary>
public static class LiveContractsSerialization
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Whether <paramref name="type"/> is one of the live hub's contract types.</summary>
    public static bool IsLiveContract(Type type) => type.Assembly == typeof(LiveMessage).Assembly;

    public static ISerializerBuilder AddLiveContracts(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(IsLiveContract, Json);
}
