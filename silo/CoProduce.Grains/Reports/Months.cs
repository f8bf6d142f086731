using System.Globalization;

namespace CoProduce.Grains.Reports;

/// <summary>Report periods are calendar months in UTC, written "2026-11" so that they sort as text.</summary>
public static class Months
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Every month from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<string> Between(DateTimeOffset first, DateTimeOffset last)
    {
        var month = new DateTime(first.UtcDateTime.Year, first.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(last.UtcDateTime.Year, last.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (; month <= end; month = month.AddMonths(1))
        {
            yield return month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Days between two times, to two decimal places.</summary>
    public static decimal Days(DateTimeOffset from, DateTimeOffset to) => Math.Round((decimal)(to - from).TotalDays, 2);

    public static string Text(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
