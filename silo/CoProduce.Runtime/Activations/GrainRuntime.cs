using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CoProduce.Journal.Storage;
using CoProduce.Runtime.Dispatch;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Hosting;
using CoProduce.Runtime.Reminders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoProduce.Runtime.Activations;

/// <summary>
/// The grain directory of this node and the grain factory: finds or creates activations, routes
/// requests to them, and knows which requests are waiting (for timeout messages).
/// </summary>
internal sealed class GrainRuntime : IGrainFactory, IDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainRegistry _registry;
    private readonly CancellationTokenSource _stopping = new();

    public GrainRuntime(
        IServiceProvider services,
        GrainRegistry registry,
        IGrainStorage storage,
        GrainEventStream eventStream,
        IOptions<GrainRuntimeOptions> options,
        IOptions<ReminderOptions> reminderOptions,
        ILogger<GrainRuntime> logger)
    {
        Services = services;
        _registry = registry;
        Storage = storage;
        EventStream = eventStream;
        Options = options.Value;
        Logger = logger;
        Reminders = new ReminderRegistry(storage, reminderOptions.Value, services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System);
    }

    public IServiceProvider Services { get; }

    public IGrainStorage Storage { get; }

    public GrainEventStream EventStream { get; }

    public GrainRuntimeOptions Options { get; }

    public ILogger Logger { get; }

    public ReminderRegistry Reminders { get; }

    public JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public ConcurrentDictionary<Request, byte> Outstanding { get; } = new();

    public CancellationToken Stopping => _stopping.Token;

    public int ActivationCount => _activations.Count;

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Reference<TGrain>(key);
    }

    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey => Reference<TGrain>(key.ToString("D"));

    public TGrain GetGrain<TGrain>(long key) where TGrain : IGrainWithIntegerKey =>
        Reference<TGrain>(key.ToString(CultureInfo.InvariantCulture));

    private TGrain Reference<TGrain>(string key)
    {
        var grainInterface = _registry.GetInterface(typeof(TGrain));
        var proxy = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)proxy!).Bind(this, grainInterface, new GrainId(grainInterface.Class.TypeName, key));
        return proxy;
    }

    public Activation GetOrActivate(GrainId id, GrainClass grainClass)
    {
        while (true)
        {
            if (_activations.TryGetValue(id, out var existing))
            {
                return existing;
            }

            if (_stopping.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The silo is shutting down; {id} cannot be activated.");
            }

            var created = new Activation(this, grainClass, id);
            if (_activations.TryAdd(id, created))
            {
                created.Start();
                return created;
            }
        }
    }

    /// <summary>Queues a request that could not run inline, following the grain to a new activation if needed.</summary>
    public void Dispatch(GrainProxy proxy, Request request)
    {
        while (!proxy.Resolve().Enqueue(request))
        {
            // The activation finished deactivating under us; Resolve will find or create the next one.
        }

        request.BeginWaiting(this);
    }

    public void Redispatch(GrainId id, Request request)
    {
        try
        {
            var grainClass = _registry.GetClass(id.Type);
            while (!GetOrActivate(id, grainClass).Enqueue(request))
            {
                // As in Dispatch.
            }
        }
        catch (Exception e)
        {
            request.Fail(e);
        }
    }

    /// <summary>Runs runtime work (a reminder) on a grain in turn with its requests.</summary>
    public Task InvokeSystemAsync(GrainId id, Func<Grain, Task> work, string description)
    {
        var request = new SystemRequest(work, description, keepsAlive: true);
        Redispatch(id, request);
        request.BeginWaiting(this);
        return request.ResultTask;
    }

    public bool IsKnownType(string grainType) => _registry.TryGetClass(grainType, out _);

    public void Forget(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    /// <summary>Deactivates activations idle for at least <paramref name="idleAge"/>; returns how many.</summary>
    public int CollectIdle(TimeSpan idleAge)
    {
        var now = Environment.TickCount64;
        return _activations.Values.Count(activation => activation.TryCollect(now, idleAge));
    }

    /// <summary>Graceful shutdown: no new activations, every current one deactivated once idle.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        var all = _activations.Values.Select(activation => activation.DeactivateAsync(DeactivationReason.ShuttingDown));
        await Task.WhenAll(all).WaitAsync(cancellationToken);
    }

    // The host may dispose services before it stops them; cancelling (not disposing) keeps StopAsync safe.
    public void Dispose() => _stopping.Cancel();

    /// <summary>Explains a timed-out request: who waits on whom, following outstanding calls.</summary>
    public string DescribeWait(Request request)
    {
        var target = request.Target!;
        var chain = new List<string> { request.Caller?.Id.ToString() ?? "(outside caller)", $"{target.Id} [{request.Description}]" };
        var seen = new HashSet<Activation> { target };
        var current = target;
        while (true)
        {
            var next = Outstanding.Keys.FirstOrDefault(r => r != request && r.Caller == current && r.Target is not null);
            if (next?.Target is not { } waitedOn)
            {
                break;
            }

            chain.Add($"{waitedOn.Id} [{next.Description}]");
            if (!seen.Add(waitedOn) || waitedOn == request.Caller)
            {
                chain.Add("(cycle)");
                break;
            }

            current = waitedOn;
        }

        return $"No response from {target.Id} to {request.Description} within {Options.ResponseTimeout}. "
            + $"Waiting chain: {string.Join(" -> ", chain)}. Non-reentrant grains that call each other in a cycle wait forever; "
            + "mark one [Reentrant] or the method [AlwaysInterleave], or break the cycle.";
    }
}
