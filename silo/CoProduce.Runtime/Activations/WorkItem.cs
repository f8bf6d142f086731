namespace CoProduce.Runtime.Activations;

/// <summary>One step for an activation's executor: a continuation of grain code or a request's start.</summary>
internal readonly record struct WorkItem(SendOrPostCallback Callback, object? State)
{
    public void Invoke() => Callback(State);
}
