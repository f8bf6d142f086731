using System.Xml.Linq;
using CoProduce.Gateway.Reports;
using CoProduce.Grains.Reports;

namespace CoProduce.Gateway.Tests.Reports;

/// <summary>The SVG writer on names it cannot be handed by today's API but may find stored from before: it never throws.</summary>
public sealed class PowerBalanceSvgTests
{
    [Theory]
    [InlineData("Nights \uFFFE")]
    [InlineData("Bell \u0007 and \u001B[31m")]
    [InlineData("Half \uD800 a pair")]
    [InlineData("</title><script>alert(1)</script> & \"quotes\"")]
    public void AnyNameMakesAValidChartThatShowsNoMarkupOfItsOwn(string name)
    {
        var measure = new ReportMeasure("agenda", $"Items by {name}", MeasureKind.Share, 1, 2, [new MeasurePoint("2026-11", 1, 2)]);
        var report = new PowerBalanceReport(ReportScope.Project, Guid.NewGuid(), name, DateTimeOffset.UtcNow, [],
            [new ReportSectionResult("agenda", "Agenda", [measure], ReportTable.Empty)]);

        var svg = XDocument.Parse(PowerBalanceSvg.Write(report)).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.StartsWith("Power balance over time: ", svg.Element(ns + "title")!.Value, StringComparison.Ordinal);
        Assert.All(svg.DescendantNodes().OfType<XText>(), t => Assert.DoesNotContain('\uFFFE', t.Value));
    }
}
