namespace CoProduce.Journal.Tests.Grains;

public sealed record CounterState
{
    public int Total { get; set; }

    public List<string> Notes { get; init; } = [];
}
