using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace CoProduce.Telemetry.Tests.Grains;

/// <summary>Places a grain on any compatible silo but the one placing it (the caller's), so the call crosses silos.</summary>
[GenerateSerializer, Immutable, Alias("telemetry-tests.other-silo-placement")]
public sealed class OtherSiloPlacement : PlacementStrategy
{
    public static OtherSiloPlacement Instance { get; } = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OtherSiloPlacementAttribute() : PlacementAttribute(OtherSiloPlacement.Instance);

public sealed class OtherSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var others = context.GetCompatibleSilos(target).Where(silo => !silo.Equals(context.LocalSilo)).ToList();
        return Task.FromResult(others.Count > 0 ? others[0] : context.LocalSilo);
    }
}
