namespace CoProduce.Grains.Common;

/// <summary>The time grains record; one place so tests and records agree.</summary>
internal static class Clock
{
    public static DateTimeOffset Now => DateTimeOffset.UtcNow;
}
