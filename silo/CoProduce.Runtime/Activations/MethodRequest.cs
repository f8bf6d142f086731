using CoProduce.Runtime.Dispatch;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Activations;

/// <summary>A call to a grain interface method that did not complete inline.</summary>
internal sealed class MethodRequest<T>(MethodDispatcher method, object?[]? args, Activation? caller, GrainRuntime runtime, bool hasResult)
    : Request(caller, method.Interleaving, method.Name, keepsAlive: true)
{
    private readonly TaskCompletionSource<T> _answer = new();
    private readonly bool _hasResult = hasResult;

    public GrainRuntime Runtime { get; } = runtime;

    public override bool IsAnswered => _answer.Task.IsCompleted;

    public override Task ResultTask => _answer.Task;

    protected override Task Start(Grain grain) => method switch
    {
        DispatcherCore<Task<T>> typed => typed.Invoke(grain, args),
        DispatcherCore<Task> untyped => untyped.Invoke(grain, args),
        _ => throw new InvalidOperationException($"No invoker for {method.Name}."),
    };

    protected override void Answer(Task finished) =>
        CopyOutcome(finished, _answer, task => _hasResult ? ((Task<T>)task).Result : default!);

    public override void Fail(Exception exception) => _answer.TrySetException(exception);
}
