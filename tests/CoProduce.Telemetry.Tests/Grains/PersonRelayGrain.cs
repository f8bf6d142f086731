using Orleans.Placement;

namespace CoProduce.Telemetry.Tests.Grains;

[GrainType("telemetry-tests-person-relay"), PreferLocalPlacement]
public sealed class PersonRelayGrain(ILocalSiloDetails silo) : Grain, IPersonRelayGrain
{
    public async Task<RelayedSilos> Relay()
    {
        var echo = await GrainFactory.GetGrain<IPersonEchoGrain>(this.GetPrimaryKey()).Echo();
        return new RelayedSilos(silo.SiloAddress.ToString(), echo);
    }
}

[GrainType("telemetry-tests-person-echo"), OtherSiloPlacement]
public sealed class PersonEchoGrain(ILocalSiloDetails silo) : Grain, IPersonEchoGrain
{
    public Task<string> Echo() => Task.FromResult(silo.SiloAddress.ToString());
}
