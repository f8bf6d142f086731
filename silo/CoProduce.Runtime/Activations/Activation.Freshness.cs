using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Runtime.Activations;

/// <summary>Multi-node: an activation checks its copy against storage before each call.</summary>
internal sealed partial class Activation
{
    /// <summary>
    /// Multi-node: before a call runs, checks that every state facet still holds the stored version;
    /// otherwise another node wrote it, so the call fails as stale (nothing has run) and this activation goes.
    /// </summary>
    public async Task EnsureFreshAsync()
    {
        foreach (var facet in _facets)
        {
            if (!await facet.IsCurrentAsync(Runtime.Stopping))
            {
                RequestDeactivationOnIdle(DeactivationReason.InconsistentState);
                throw new InconsistentStateException($"{Id}: another node changed the stored state; the call runs again on a fresh activation.");
            }
        }
    }
}
