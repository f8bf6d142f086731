using CoProduce.Runtime.Dispatch;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Activations;

/// <summary>Work the runtime itself runs on a grain in turn with its requests: timer ticks and reminders.</summary>
internal sealed class SystemRequest(Func<Grain, Task> work, string description, bool keepsAlive, Action? onFinished = null)
    : Request(caller: null, Interleaving.None, description, keepsAlive)
{
    private readonly TaskCompletionSource<object?> _answer = new();

    public override bool IsAnswered => _answer.Task.IsCompleted;

    public override Task ResultTask => _answer.Task;

    protected override Task Start(Grain grain) => work(grain);

    protected override void Answer(Task finished)
    {
        CopyOutcome<object?>(finished, _answer, static _ => null);
        onFinished?.Invoke();
    }

    public override void Fail(Exception exception)
    {
        _answer.TrySetException(exception);
        onFinished?.Invoke();
    }
}
