namespace CoProduce.Telemetry.Tests.Grains;

/// <summary>A grain keyed by a person's id, as a ballot or survey answer grain is: it calls a second such grain on another silo.</summary>
[Alias("telemetry-tests.person-relay")]
public interface IPersonRelayGrain : IGrainWithGuidKey
{
    /// <summary>Calls the echo grain of the same person; returns this grain's silo and the echo's.</summary>
    [Alias("Relay")]
    Task<RelayedSilos> Relay();
}

/// <summary>The second grain, placed on a silo other than its caller's.</summary>
[Alias("telemetry-tests.person-echo")]
public interface IPersonEchoGrain : IGrainWithGuidKey
{
    [Alias("Echo")]
    Task<string> Echo();
}

[GenerateSerializer, Immutable, Alias("telemetry-tests.relayed-silos")]
public sealed record RelayedSilos(string Relay, string Echo);
