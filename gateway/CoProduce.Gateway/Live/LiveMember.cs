using CoProduce.Grains.Common;
using CoProduce.Live;

namespace CoProduce.Gateway.Live;

/// <summary>
/// A connection's place in one project's session: the person in the room (<see cref="PersonId"/>), whom
/// they act as (<see cref="Actor"/>, with a contributor for a supporter) and their role there.
/// </summary>
public sealed record LiveMember(Guid ProjectId, Guid PersonId, Actor Actor, LiveRole Role)
{
    public bool IsFacilitator => Role == LiveRole.Facilitator;
}
