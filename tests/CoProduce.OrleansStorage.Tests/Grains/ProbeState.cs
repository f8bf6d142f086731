namespace CoProduce.OrleansStorage.Tests.Grains;

[GenerateSerializer, Alias("probe-state")]
public sealed class ProbeState
{
    [Id(0)]
    public int? Value { get; set; }

    [Id(1)]
    public string? TickedOn { get; set; }
}
