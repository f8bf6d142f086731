using System.Text;
using CoProduce.Testing.Telemetry;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>One span from an OTLP trace export: its trace id, its name, the traces it links to, and its whole encoding as text (to search).</summary>
public sealed record OtlpSpan(string TraceId, string Name, IReadOnlyList<string> LinkedTraces, string Text);

/// <summary>
/// Reads the spans out of OTLP <c>ExportTraceServiceRequest</c> protobuf bodies (resource_spans = 1,
/// scope_spans = 2, spans = 2; a span's trace_id = 1, name = 5 and links = 13, a link's trace_id = 1), enough to
/// group spans by trace and follow links between traces.
/// </summary>
public static class OtlpSpans
{
    public static IReadOnlyList<OtlpSpan> Of(OtlpReceiver receiver) =>
        [.. receiver.RawTraces.SelectMany(body => Fields(body, 1))
            .SelectMany(resource => Fields(resource, 2))
            .SelectMany(scope => Fields(scope, 2))
            .Select(Span)];

    private static OtlpSpan Span(byte[] span) => new(
        Convert.ToHexString(Fields(span, 1).Single()),
        Encoding.UTF8.GetString(Fields(span, 5).Single()),
        [.. Fields(span, 13).SelectMany(link => Fields(link, 1)).Select(Convert.ToHexString)],
        Encoding.UTF8.GetString(span));

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of one message.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (field == number)
                    {
                        yield return message[at..(at + length)];
                    }

                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {wire}.");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
