using System.Reflection;
using CoProduce.Journal.State;

namespace CoProduce.Grains.Tests.Identity;

/// <summary>
/// What storage and reminders key rows by stays put: each grain class's type name is written down, and no two grain
/// classes share a state name (Orleans keys stored state by state name and grain key, not by grain class).
/// </summary>
public sealed class GrainTypeTests
{
    public static IEnumerable<Type> GrainClasses() =>
        BoundaryTypes.GrainClasses.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t));

    [Fact]
    public void EveryGrainClassNamesItsTypeExplicitly()
    {
        var classes = GrainClasses().ToList();
        Assert.True(classes.Count >= 30, $"Only {classes.Count} grain classes found.");
        Assert.Empty(classes.Where(c => PinnedName(c) is null).Select(c => c.Name));
    }

    [Fact]
    public void GrainTypeNamesAreUnique()
    {
        var names = GrainClasses().Select(c => (c.Name, Type: PinnedName(c))).ToList();
        Assert.Empty(names.GroupBy(n => n.Type).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Name))}"));
    }

    /// <summary>
    /// The names were pinned as the runtime derived them (and as Orleans does by default: the class name less "Grain",
    /// lower-cased), so every row and reminder stored before keeps its grain.
    /// </summary>
    [Fact]
    public void GrainTypeNamesAreTheOnesDerivedBeforeTheyWerePinned()
    {
        var changed = GrainClasses()
            .Select(c => (c.Name, Pinned: PinnedName(c), Derived: c.Name[..^"Grain".Length].ToLowerInvariant()))
            .Where(n => n.Pinned != n.Derived);
        Assert.Empty(changed.Select(n => $"{n.Name}: '{n.Pinned}', was '{n.Derived}'"));
    }

    [Fact]
    public void StateNamesAreUniqueAcrossAllGrainClasses()
    {
        var states = GrainClasses()
            .SelectMany(c => c.GetConstructors().SelectMany(k => k.GetParameters())
                .Select(p => (Class: c.Name, StateName: p.GetCustomAttribute<PersistentStateAttribute>()?.StateName ?? p.GetCustomAttribute<JournaledStateAttribute>()?.StateName))
                .Where(s => s.StateName is not null))
            .ToList();
        Assert.True(states.Count >= 25, $"Only {states.Count} persistent states found.");
        Assert.Empty(states.GroupBy(s => s.StateName).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Class))}"));
    }

    /// <summary>The name given in the class's [GrainType], as written (Orleans' attribute keeps it to itself).</summary>
    private static string? PinnedName(Type grainClass) =>
        grainClass.GetCustomAttributesData()
            .FirstOrDefault(a => a.AttributeType == typeof(GrainTypeAttribute))?
            .ConstructorArguments[0].Value as string;
}
