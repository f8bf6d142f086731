namespace CoProduce.Benchmarks.OrleansRuntime;

/// <summary>A small grain state, about a hundred bytes of JSON like the raw baselines' payload.</summary>
public sealed record BenchState
{
    public int Value { get; set; }

    public string Name { get; set; } = "a small grain state of about a hundred bytes, like a counter or a flag";
}

/// <summary>The journal event the write benchmarks raise, about the size of a vote.</summary>
public sealed record Voted(string Voter, string Choice);
