namespace CoProduce.OrleansStorage.Tests.Grains;

/// <summary>The name of the silo host, registered per host so a grain can say which host ran it.</summary>
public sealed record HostName(string Value);
