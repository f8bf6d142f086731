namespace CoProduce.Journal.Tests.Grains;

[Alias("journal-tests.tally")]
public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Adds one and returns once a (possibly shared) write holding it is durable.</summary>
    [Alias("increment")]
    Task Increment();

    [Alias("total")]
    Task<int> Total();
}
