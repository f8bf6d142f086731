using System.Reflection;
using CoProduce.Grains.Live;
using CoProduce.Live;
using CoProduce.Runtime.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// Holds one person's arrival in a live session at the hub, after the hub checked they may join and before the session
/// grain hears of them, so a test can change the project in between. Only what the gateway's services resolve is held;
/// the grains call each other as before.
/// </summary>
public sealed class HeldArrivals
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The person whose arrival is held; nobody's until set.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>Completes when the person's join has been checked and waits to arrive.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Puts a factory in front of the gateway's own that hands out live grains which hold the person's arrival.</summary>
    public void Install(IServiceCollection services)
    {
        var existing = services.Last(d => d.ServiceType == typeof(IGrainFactory));
        services.AddSingleton<IGrainFactory>(sp => new Factory(Inner(sp, existing), this));
    }

    private static IGrainFactory Inner(IServiceProvider services, ServiceDescriptor existing) =>
        (IGrainFactory)(existing.ImplementationInstance
            ?? existing.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, existing.ImplementationType!));

    private async Task<LiveSnapshot> Arrive(IProjectLiveGrain live, object?[] args)
    {
        if (args[2] is PresentPerson person && person.PersonId == PersonId)
        {
            _reached.TrySetResult();
            await _released.Task;
        }

        return await live.Arrive((string)args[0]!, (string)args[1]!, (PresentPerson)args[2]!);
    }

    private sealed class Factory(IGrainFactory inner, HeldArrivals held) : IGrainFactory
    {
        public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => inner.GetGrain<TGrain>(key);

        public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey => inner.GetGrain<TGrain>(key);

        public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey
        {
            var grain = inner.GetGrain<TGrain>(key);
            if (grain is not IProjectLiveGrain live)
            {
                return grain;
            }

            var proxy = DispatchProxy.Create<IProjectLiveGrain, Holding>();
            ((Holding)(object)proxy).Set(live, held);
            return (TGrain)proxy;
        }
    }

    /// <summary>A live grain that passes every call through, holding the person's arrival.</summary>
    public class Holding : DispatchProxy
    {
        private IProjectLiveGrain? _live;
        private HeldArrivals? _held;

        internal void Set(IProjectLiveGrain live, HeldArrivals held)
        {
            _live = live;
            _held = held;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IProjectLiveGrain.Arrive)
                ? _held!.Arrive(_live!, args!)
                : targetMethod.Invoke(_live, args);
    }
}
