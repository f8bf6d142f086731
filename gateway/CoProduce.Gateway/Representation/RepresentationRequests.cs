using CoProduce.Gateway.Api;
using CoProduce.Grains.Common;
using CoProduce.Grains.Representation;

namespace CoProduce.Gateway.Representation;

/// <summary>Who you speak for.</summary>
/// <param name="InTheirWords">In your own words, e.g. "the carers' group at Hillside" (up to 1,000 characters); leave out to say nothing.</param>
/// <param name="Groups">Groups from your networks' lists (up to 20).</param>
[ApiExample("""{"inTheirWords":"Carers of people with dementia in Northshire","groups":[{"networkId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","groupId":"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d"}]}""")]
public sealed record SpeaksForRequest(IReadOnlyList<GroupRef> Groups, string? InTheirWords = null);

/// <summary>Your diversity data: optional, in your own words, and kept only with your consent.</summary>
/// <param name="Consent">Must be true: you agree that this is kept and counted in aggregates of at least five people.</param>
/// <param name="Answers">One answer per characteristic you choose to describe (at least one).</param>
[ApiExample("""{"consent":true,"answers":[{"characteristic":"AgeGroup","value":"65 to 74"},{"characteristic":"CaringRole","value":"Unpaid carer"}]}""")]
public sealed record DiversityRequest(bool Consent, IReadOnlyList<DiversityAnswer> Answers);

/// <summary>A group or community for the network's list.</summary>
/// <param name="Name">Its name, up to 200 characters, different from the others ignoring case.</param>
[ApiExample("""{"name":"Young carers"}""")]
public sealed record NetworkGroupRequest(string Name);

/// <summary>The project's target representation, replacing the targets set before.</summary>
/// <param name="Targets">Up to 50 targets.</param>
[ApiExample("""{"targets":[{"minimum":5,"characteristic":"AgeGroup","value":"18 to 24"}]}""")]
public sealed record TargetsRequest(IReadOnlyList<TargetRequest> Targets)
{
    public IReadOnlyList<RepresentationTarget> ToTargets() => [.. Targets.Select(t => t.ToTarget())];
}

/// <summary>One target: a network's group (networkId and groupId), or a characteristic and value.</summary>
/// <param name="Minimum">At least how many contributors; for a characteristic at least 5, since smaller groups are never reported.</param>
/// <param name="Characteristic">With value: a characteristic people describe themselves by.</param>
/// <param name="Value">With characteristic: the value aimed for, compared ignoring case and spacing.</param>
/// <param name="NetworkId">With groupId: the network whose list holds the group.</param>
/// <param name="GroupId">With networkId: the group.</param>
public sealed record TargetRequest(int Minimum, DiversityCharacteristic? Characteristic = null, string? Value = null, Guid? NetworkId = null, Guid? GroupId = null)
{
    public RepresentationTarget ToTarget()
    {
        if (NetworkId.HasValue != GroupId.HasValue)
        {
            throw DomainException.Invalid("targets", "A group target needs both networkId and groupId.");
        }

        return new RepresentationTarget(Characteristic, Value, NetworkId is { } network ? new GroupRef(network, GroupId!.Value) : null, Minimum);
    }
}
