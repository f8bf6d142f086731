using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CoProduce.Grains.Reports;

namespace CoProduce.Gateway.Reports;

/// <summary>
/// The report's trends as an SVG line chart for people who would rather look than read. It has a title
/// and a description that says the latest figures in words (read out by screen readers), one panel per
/// kind of figure (shares in per cent, days, rungs of the ladder) with labelled axes, and one line per
/// measure by month. Lines differ in dash pattern as well as colour, and each point names its value.
/// </summary>
public static class PowerBalanceSvg
{
    private const double Left = 150;
    private const int LegendCharacters = 34;
    private const double LegendLine = 14;
    private const double PlotWidth = 540;
    private const double LegendWidth = 300;
    private const double PanelTop = 36;
    private const double PlotHeight = 170;
    private const double PlotBottomMargin = 56;
    private const double Header = 70;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Okabe-Ito colours, told apart with colour blindness too; dash patterns tell them apart without colour.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
    private static readonly string[] Dashes = ["", "8 4", "2 4", "10 4 2 4", "4 4", "12 3 3 3 3 3", "1 2"];
    private static readonly decimal[] ShareTicks = [0m, 25m, 50m, 75m, 100m];
    private static readonly string[] Rungs = ["", "coercion", "educating", "informing", "consultation", "engagement", "co-design", "co-production"];

    public static string Write(PowerBalanceReport report)
    {
        var measures = report.Sections.SelectMany(s => s.Measures).ToList();
        var months = measures.SelectMany(m => m.ByMonth).Select(p => p.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var kinds = Enum.GetValues<MeasureKind>().Where(k => measures.Any(m => m.Kind == k)).ToList();
        var width = Left + PlotWidth + LegendWidth;
        var title = $"Power balance over time: {report.Name}";
        var root = new XElement(
            Svg + "svg",
            new XAttribute("width", Number(width)),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", "pb-title pb-desc"),
            new XAttribute("font-family", "Arial, Helvetica, sans-serif"),
            new XAttribute("font-size", "13"),
            new XElement(Svg + "title", new XAttribute("id", "pb-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", "pb-desc"), Description(report, measures, months)),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            Text(Left, 30, title, ("font-size", "18"), ("font-weight", "bold")),
            Text(Left, 52, months.Count == 0 ? "No figures yet." : $"By month, {months[0]} to {months[^1]}. One line per measure."));

        var index = 0;
        var top = Header;
        foreach (var kind in kinds)
        {
            var inPanel = measures.Where(m => m.Kind == kind).ToList();
            var (panel, panelHeight) = Panel(kind, inPanel, months, top, index);
            root.Add(panel);
            index += inPanel.Count;
            top += panelHeight;
        }

        var height = Math.Max(top, Header + PanelTop + PlotHeight + PlotBottomMargin);
        root.Add(new XAttribute("height", Number(height)), new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"));

        Clean(root);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.None);
    }

    /// <summary>
    /// XML cannot carry some characters (U+FFFE, control characters, half a surrogate pair) and the writer
    /// throws on them. Names stored before text was checked for them may still hold one, so every text and
    /// attribute is cleaned here, replacing each with U+FFFD, rather than failing the chart. Escaping of
    /// &lt;, &amp; and quotes is the XML writer's.
    /// </summary>
    private static void Clean(XElement root)
    {
        foreach (var text in root.DescendantNodes().OfType<XText>())
        {
            text.Value = XmlSafe(text.Value);
        }

        foreach (var attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()))
        {
            attribute.Value = XmlSafe(attribute.Value);
        }
    }

    private static string XmlSafe(string value)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
            {
                clean?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }

            if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                continue;
            }

            clean ??= new StringBuilder(value.Length).Append(value, 0, i);
            clean.Append('\uFFFD');
        }

        return clean?.ToString() ?? value;
    }

    /// <summary>One panel and the height it takes: the plot, or its legend when that is longer.</summary>
    private static (XElement Panel, double Height) Panel(MeasureKind kind, List<ReportMeasure> measures, List<string> months, double top, int firstSeries)
    {
        var (heading, axis, min, max, ticks) = Scale(kind, measures);
        var plotTop = top + PanelTop;
        var bottom = plotTop + PlotHeight;
        double Y(decimal value) => bottom - ((double)(value - min) / (double)(max - min) * PlotHeight);
        double X(int i) => Left + ((i + 0.5) * PlotWidth / Math.Max(1, months.Count));

        var panel = new XElement(Svg + "g", new XAttribute("role", "group"), new XAttribute("aria-label", heading));
        panel.Add(Text(Left, top + 20, heading, ("font-size", "15"), ("font-weight", "bold")));

        // Axes, gridlines and their labels.
        var axes = new XElement(Svg + "g", new XAttribute("aria-hidden", "true"));
        foreach (var tick in ticks)
        {
            var y = Y(tick.Value);
            axes.Add(Line(Left, y, Left + PlotWidth, y, "#dddddd"));
            axes.Add(Text(Left - 8, y + 4, tick.Label, ("text-anchor", "end")));
        }

        axes.Add(Line(Left, plotTop, Left, bottom, "#333333"));
        axes.Add(Line(Left, bottom, Left + PlotWidth, bottom, "#333333"));
        var every = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
        for (var i = 0; i < months.Count; i += every)
        {
            axes.Add(Text(X(i), bottom + 18, months[i], ("text-anchor", "middle"), ("font-size", "11")));
        }

        panel.Add(axes);
        panel.Add(Text(Left + (PlotWidth / 2), bottom + 42, "Month", ("text-anchor", "middle")));
        var axisX = Left - 128;
        var axisY = plotTop + (PlotHeight / 2);
        panel.Add(Text(axisX, axisY, axis, ("text-anchor", "middle"), ("transform", $"rotate(-90 {Number(axisX)} {Number(axisY)})")));

        var legendY = plotTop + 8;
        for (var s = 0; s < measures.Count; s++)
        {
            var measure = measures[s];
            var colour = Colours[(firstSeries + s) % Colours.Length];
            var dash = Dashes[(firstSeries + s) % Dashes.Length];
            var series = new XElement(Svg + "g", new XAttribute("role", "group"), new XAttribute("aria-label", measure.Label));
            var path = new List<string>();
            var gap = true;
            for (var i = 0; i < months.Count; i++)
            {
                var point = measure.ByMonth.FirstOrDefault(p => p.Period == months[i]);
                if (point?.Value is not { } value)
                {
                    gap = true;
                    continue;
                }

                var (x, y) = (X(i), Y(Shown(kind, value)));
                path.Add($"{(gap ? "M" : "L")}{Number(x)} {Number(y)}");
                gap = false;
                series.Add(new XElement(
                    Svg + "circle",
                    new XAttribute("cx", Number(x)),
                    new XAttribute("cy", Number(y)),
                    new XAttribute("r", "4"),
                    new XAttribute("fill", colour),
                    new XElement(Svg + "title", $"{measure.Label}, {months[i]}: {Format(kind, value)}")));
            }

            if (path.Count > 0)
            {
                var line = new XElement(
                    Svg + "path",
                    new XAttribute("d", string.Join(' ', path)),
                    new XAttribute("fill", "none"),
                    new XAttribute("stroke", colour),
                    new XAttribute("stroke-width", "2.5"));
                if (dash.Length > 0)
                {
                    line.Add(new XAttribute("stroke-dasharray", dash));
                }

                series.AddFirst(line);
            }

            panel.Add(series);

            // The legend: a sample of the line and the measure's name, wrapped; the next entry goes below it.
            var legendX = Left + PlotWidth + 20;
            var sample = Line(legendX, legendY, legendX + 30, legendY, colour, 2.5);
            if (dash.Length > 0)
            {
                sample.Add(new XAttribute("stroke-dasharray", dash));
            }

            var label = Wrapped(legendX + 38, legendY + 4, measure.Label, LegendCharacters);
            panel.Add(new XElement(Svg + "g", new XAttribute("aria-hidden", "true"), sample, label));
            legendY += (label.Elements().Count() * LegendLine) + 10;
        }

        return (panel, Math.Max(PanelTop + PlotHeight + PlotBottomMargin, legendY - top) + 10);
    }

    private static (string Heading, string Axis, decimal Min, decimal Max, IReadOnlyList<(decimal Value, string Label)> Ticks) Scale(MeasureKind kind, IReadOnlyList<ReportMeasure> measures)
    {
        switch (kind)
        {
            case MeasureKind.Share:
                return ("Shares", "Per cent", 0, 100, [.. ShareTicks.Select(v => (v, $"{Number((double)v)}%"))]);
            case MeasureKind.Ladder:
                return ("Ladder of co-production", "Rung", 1, 7, [.. Enumerable.Range(1, 7).Select(r => ((decimal)r, $"{r} {Rungs[r]}"))]);
            default:
                var highest = measures.SelectMany(m => m.ByMonth).Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();
                var max = Nice(highest);
                return ("Days", "Days", 0, max, [.. Enumerable.Range(0, 5).Select(i => max * i / 4).Select(v => (v, Number((double)v)))]);
        }
    }

    /// <summary>The smallest of 4, 8, 20, 40, 80, 200... that is at least the value, so the four tick steps are round numbers.</summary>
    private static decimal Nice(decimal value)
    {
        for (var step = 1m; ; step *= 10)
        {
            foreach (var factor in new[] { 1m, 2m, 5m })
            {
                if (value <= factor * step * 4)
                {
                    return factor * step * 4;
                }
            }
        }
    }

    private static decimal Shown(MeasureKind kind, decimal value) => kind == MeasureKind.Share ? value * 100 : value;

    private static string Format(MeasureKind kind, decimal? value) => value is not { } v
        ? "no figure yet"
        : kind switch
        {
            MeasureKind.Share => $"{Number((double)(v * 100))}%",
            MeasureKind.Days => $"{Number((double)v)} days",
            _ => $"rung {Number((double)v)} ({Rungs[Math.Clamp((int)Math.Round(v), 1, 7)]})",
        };

    private static string Description(PowerBalanceReport report, List<ReportMeasure> measures, List<string> months)
    {
        var scope = report.Scope == ReportScope.Network ? $"the {report.Projects.Count} projects of the network {report.Name}" : $"the project {report.Name}";
        if (months.Count == 0)
        {
            return $"A line chart of the power-balance measures of {scope}. There are no figures yet.";
        }

        var latest = measures.Select(m => m.ByMonth.LastOrDefault(p => p.Value is not null) is { } p
            ? $"{m.Label}: {Format(m.Kind, p.Value)} in {p.Period}"
            : m.ByMonth.Any(p => p.Suppressed is not null) ? $"{m.Label}: hidden, as its groups are too small to show" : $"{m.Label}: no figure yet");
        return $"A line chart of the power-balance measures of {scope}, by month from {months[0]} to {months[^1]}, one line per measure. Latest figures: {string.Join("; ", latest)}.";
    }

    private static XElement Wrapped(double x, double y, string text, int width)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("font-size", "12"));
        var line = "";
        var first = true;
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                element.Add(Span(x, first, line));
                first = false;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }

        element.Add(Span(x, first, line));
        return element;
    }

    private static XElement Span(double x, bool first, string text) =>
        new(Svg + "tspan", new XAttribute("x", Number(x)), new XAttribute("dy", first ? "0" : "14"), text);

    private static XElement Text(double x, double y, string text, params (string Name, string Value)[] attributes)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), text);
        foreach (var (name, value) in attributes)
        {
            element.Add(new XAttribute(name, value));
        }

        return element;
    }

    private static XElement Line(double x1, double y1, double x2, double y2, string colour, double width = 1) =>
        new(
            Svg + "line",
            new XAttribute("x1", Number(x1)),
            new XAttribute("y1", Number(y1)),
            new XAttribute("x2", Number(x2)),
            new XAttribute("y2", Number(y2)),
            new XAttribute("stroke", colour),
            new XAttribute("stroke-width", Number(width)));

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
