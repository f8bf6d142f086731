using System.Globalization;
using System.Net;
using System.Text;
using CoProduce.Grains.Recognition;

namespace CoProduce.Gateway.Recognition;

/// <summary>
/// The certificate of involvement as one self-contained HTML page: plain language, real headings and
/// lists for screen readers, large high-contrast text, and a print style for one A4 page. Everything
/// the person or project typed is HTML-encoded.
/// </summary>
internal static class CertificatePage
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private const string Style = """
        :root { color: #111; background: #fff; font-family: Verdana, Arial, sans-serif; font-size: 112.5%; line-height: 1.5; }
        body { margin: 0; }
        main { max-width: 44rem; margin: 2rem auto; padding: 2rem; border: 0.4rem double #1d3b6e; }
        h1 { font-size: 2rem; margin: 0 0 1rem; color: #1d3b6e; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
        .name { font-size: 1.75rem; font-weight: bold; margin: 0.5rem 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        footer { margin-top: 2rem; font-size: 0.9rem; }
        @media print {
          @page { size: A4; margin: 1.5cm; }
          :root { font-size: 11pt; }
          main { margin: 0; max-width: none; border-width: 0.3rem; break-inside: avoid; }
        }
        """;

    public static void SecureHeaders(HttpResponse response)
    {
        // Personal, and withdrawable at any moment: never kept by a cache.
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
    }

    public static string Render(Certificate certificate)
    {
        var c = certificate.Contribution;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Certificate of involvement: ").Append(E(certificate.Name)).Append(" – ").Append(E(certificate.ProjectName)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Certificate of involvement</h1>\n")
            .Append("<p>This is to thank</p>\n<p class=\"name\">").Append(E(certificate.Name)).Append("</p>\n")
            .Append("<p>for taking part in <strong>").Append(E(certificate.ProjectName)).Append("</strong> as a ")
            .Append(E(Role(certificate.Role))).Append(", from ").Append(E(Day(certificate.From))).Append(".</p>\n")
            .Append("<h2>What they did</h2>\n<dl>\n");
        Row(html, "Sessions attended", Count(c.Sessions.Count));
        Row(html, "Hours given", c.Hours.ToString("0.##", English));
        Row(html, "Agenda items proposed", Count(c.ItemsProposed.Count));
        Row(html, "Decisions voted in", Count(c.Decisions.Count(d => d.Voted)));
        Row(html, "Decisions shaped", Count(c.Decisions.Count));
        Row(html, "Surveys answered", Count(c.Surveys.Count));
        Row(html, "Measures of success shaped", Count(c.Measures.Count));
        Row(html, "Feedback answered", Count(c.Feedback.Count));
        html.Append("</dl>\n");
        List(html, "Agenda items they proposed", c.ItemsProposed.Where(i => !i.Withdrawn).Select(i => i.Title));
        List(html, "Decisions they helped shape", c.Decisions.Select(d => d.Title));
        html.Append("<footer>\n<p>Issued on ").Append(E(Day(certificate.IssuedAt)))
            .Append(" by CoProduce, with ").Append(E(certificate.Name)).Append("'s consent.</p>\n</footer>\n")
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static void List(StringBuilder html, string heading, IEnumerable<string> entries)
    {
        var items = entries.ToList();
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<h2>").Append(E(heading)).Append("</h2>\n<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Role(Grains.Projects.ProjectRole role) => role switch
    {
        Grains.Projects.ProjectRole.Contributor => "contributor",
        Grains.Projects.ProjectRole.Facilitator => "facilitator",
        _ => "observer",
    };

    private static string Count(int n) => n.ToString(English);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", English);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
