using System.Runtime.CompilerServices;
using System.Text.Json;
using CoProduce.Journal.Events;

namespace CoProduce.Grains.Reports;

/// <summary>Reads a grain's whole journal for a report, a page at a time, keeping the events of one type.</summary>
public static class JournalEntries
{
    private const int Page = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Every event of <paramref name="grain"/> recorded as <typeparamref name="T"/> (by the type's name),
    /// oldest first, with when it was recorded.
    /// </summary>
    public static async IAsyncEnumerable<(DateTimeOffset RecordedAt, T Entry)> ReadAllAsync<T>(
        this IGrainEventStream journal, JournalId grain, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class
    {
        var after = 0L;
        while (true)
        {
            var events = await journal.ReadAsync(grain, after, Page, cancellationToken);
            foreach (var e in events)
            {
                if (e.Type == typeof(T).Name && JsonSerializer.Deserialize<T>(e.Json, Json) is { } entry)
                {
                    yield return (e.RecordedAt, entry);
                }
            }

            if (events.Count < Page)
            {
                yield break;
            }

            after = events[^1].Sequence;
        }
    }
}
