using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace CoProduce.Telemetry;

/// <summary>
/// Keeps grain ids out of Orleans' log lines for unattributed work. Orleans logs grain ids, activations and
/// messages as template values ("Activation of grain {Grain} failed"); CoProduce's own categories already write
/// <see cref="Unattributed.Key"/>. A record from an Orleans category written inside an <see cref="Unattributed"/>
/// scope, or while the current span is marked (<see cref="UnattributedSpans.IsMarked"/>), is exported as its
/// template only: every value reads <see cref="Unattributed.Withheld"/> and the exception is left out (its message
/// may name a grain); the category, level and event id stay. Runs before the exporter.
/// </summary>
public sealed class UnattributedLogs : BaseProcessor<LogRecord>
{
    private const string TemplateKey = "{OriginalFormat}";

    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsOrleans(data.CategoryName) || !(Unattributed.IsActive || Activity.Current is { } span && UnattributedSpans.IsMarked(span)))
        {
            return;
        }

        var template = data.Attributes?.FirstOrDefault(attribute => attribute.Key == TemplateKey).Value as string;
        data.FormattedMessage = template ?? Unattributed.Withheld;
        data.Body = template ?? Unattributed.Withheld;
        data.Attributes = data.Attributes?
            .Select(attribute => attribute.Key == TemplateKey ? attribute : new KeyValuePair<string, object?>(attribute.Key, Unattributed.Withheld))
            .ToList();
        data.Exception = null;
    }

    private static bool IsOrleans(string? category) =>
        category is not null && (category.StartsWith("Orleans", StringComparison.Ordinal) || category.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
}
