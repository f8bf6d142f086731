using CoProduce.Grains.Live;
using CoProduce.Live;
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

    /// <summary>Adds an outgoing call filter to the gateway's silo that holds the person's arrival at the live grain.</summary>
    public void Install(IServiceCollection services) => services.AddSingleton<IOutgoingGrainCallFilter>(new Filter(this));

    private sealed class Filter(HeldArrivals held) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IProjectLiveGrain)
                && context.InterfaceMethod.Name == nameof(IProjectLiveGrain.Arrive)
                && context.Request.GetArgument(2) is PresentPerson person
                && person.PersonId == held.PersonId)
            {
                held._reached.TrySetResult();
                await held._released.Task;
            }

            await context.Invoke();
        }
    }
}
