using System.Reflection;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Dispatch;

/// <summary>
/// A grain reference: implements the grain interface and forwards each call to the grain's current
/// activation, activating it when there is none.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainInterface? _interface;
    private GrainRuntime? _runtime;
    private Activation? _activation;

    internal GrainId Id { get; private set; }

    internal GrainRuntime Runtime => _runtime ?? throw new InvalidOperationException("Grain reference used before it was bound.");

    internal void Bind(GrainRuntime runtime, GrainInterface grainInterface, GrainId id)
    {
        _runtime = runtime;
        _interface = grainInterface;
        Id = id;
    }

    internal Activation Resolve()
    {
        var activation = _activation;
        if (activation is null || activation.IsDeactivated)
        {
            activation = Runtime.GetOrActivate(Id, _interface!.Class);
            _activation = activation;
        }

        return activation;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _interface!.Methods[targetMethod!].Call(this, args);

    public override string ToString() => Id.ToString();
}
