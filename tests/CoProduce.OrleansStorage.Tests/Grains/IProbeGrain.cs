namespace CoProduce.OrleansStorage.Tests.Grains;

/// <summary>A grain whose persistent state, reminder and activation the tests observe.</summary>
[Alias("probe")]
public interface IProbeGrain : IGrainWithGuidKey
{
    /// <summary>The value this activation holds.</summary>
    [Alias("value")]
    Task<int?> Value();

    /// <summary>The value in storage now, read again.</summary>
    [Alias("stored")]
    Task<int?> StoredValue();

    [Alias("write")]
    Task Write(int value);

    [Alias("clear")]
    Task Clear();

    /// <summary>Registers a reminder due after <paramref name="due"/> and then every <paramref name="period"/>.</summary>
    [Alias("remind")]
    Task Remind(TimeSpan due, TimeSpan period);

    /// <summary>The name of the host whose reminder tick was stored last, if any.</summary>
    [Alias("ticked-on")]
    Task<string?> TickedOn();

    /// <summary>Identifies this activation: two calls answered by one activation give the same value.</summary>
    [Alias("activation")]
    Task<Guid> Activation();
}
