using CoProduce.Journal.State;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Representation;

/// <summary>Who a person speaks for: their own words and groups from their networks' lists. They say it; facilitators read it in their projects.</summary>
[GrainType("speaksfor")]
public sealed class SpeaksForGrain([JournaledState("speaksfor")] IJournaledState<SpeaksForState> state) : JournaledGrain, ISpeaksForGrain
{
    private const int MaxGroups = 20;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<SpeaksFor>> Get(Actor actor)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        return new(View(), state.State.Version);
    }

    public async Task<Versioned<SpeaksFor>> Set(Actor actor, string? inTheirWords, IReadOnlyList<GroupRef> groups)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        var words = Text.Optional(inTheirWords, "inTheirWords", 1000);
        var refs = (groups ?? []).Distinct().ToList();
        if (refs.Count > MaxGroups || refs.Any(g => g is null))
        {
            throw DomainException.Invalid("groups", $"groups may name at most {MaxGroups} groups.");
        }

        var named = new List<NamedGroup>();
        foreach (var group in refs)
        {
            var name = await GrainFactory.GetGrain<INetworkGroupsGrain>(group.NetworkId).NameOf(group.GroupId)
                ?? throw DomainException.Invalid("groups", "Each group must be one its network lists.");
            named.Add(new NamedGroup(group.NetworkId, group.GroupId, name));
        }

        RaiseEvent(new SpeaksForSet(Id, named.Count, actor.SupportedBy));
        state.State = new SpeaksForState { InTheirWords = words, Groups = named, SupportedBy = actor.SupportedBy, Version = state.State.Version + 1 };
        await state.WriteStateAsync();
        return new(View(), state.State.Version);
    }

    public Task<SpeaksFor> Peek() => Task.FromResult(View());

    public Task<long> Revision() => Task.FromResult(state.State.Version);

    private SpeaksFor View() => new(Id, state.State.InTheirWords, state.State.Groups, state.State.SupportedBy);
}
