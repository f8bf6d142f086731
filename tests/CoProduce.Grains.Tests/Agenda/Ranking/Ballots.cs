namespace CoProduce.Grains.Tests.Agenda.Ranking;

/// <summary>Named items for readable cases: A is proposed first, then B, and so on.</summary>
internal static class Ballots
{
    public static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    public static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");
    public static readonly Guid D = new("00000000-0000-0000-0000-00000000000d");

    /// <summary>Someone's item that is not a candidate (unknown or withdrawn).</summary>
    public static readonly Guid X = new("00000000-0000-0000-0000-0000000000ff");

    public static IEnumerable<T> Times<T>(int count, T ballot) => Enumerable.Repeat(ballot, count);
}
