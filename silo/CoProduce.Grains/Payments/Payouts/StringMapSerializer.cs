using System.Collections.Specialized;
using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// Quartz's ADO job store serializes job data; Quartz 3 ships only a binary serializer (BinaryFormatter, gone from
/// .NET) and the JSON ones are separate packages this registry lacks. Our jobs carry only strings, so job data is
/// stored as a JSON object of strings.
/// </summary>
public sealed class StringMapSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj) where T : class
    {
        var map = obj switch
        {
            JobDataMap data => data.ToDictionary(e => e.Key, e => e.Value?.ToString()),
            NameValueCollection values => values.AllKeys.OfType<string>().ToDictionary(k => k, k => values[k]),
            IDictionary<string, object> data => data.ToDictionary(e => e.Key, e => e.Value?.ToString()),
            _ => throw new NotSupportedException($"Payment jobs store only string job data, not {typeof(T).Name}."),
        };
        return JsonSerializer.SerializeToUtf8Bytes(map);
    }

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        if (typeof(T) == typeof(NameValueCollection))
        {
            var values = new NameValueCollection();
            foreach (var (key, value) in map)
            {
                values[key] = value;
            }

            return (T)(object)values;
        }

        var jobData = new JobDataMap();
        foreach (var (key, value) in map)
        {
            jobData[key] = value!;
        }

        return jobData as T ?? (T)(object)map.ToDictionary(e => e.Key, e => (object)e.Value!);
    }
}
