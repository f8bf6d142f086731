using System.Reflection;
using System.Text.RegularExpressions;

namespace CoProduce.Grains.Tests.Identity;

/// <summary>
/// Every type that crosses a grain boundary has a stable wire identity on Orleans: a generated
/// serializer and an alias, unique in the assembly (docs/orleans-move.md, "Serialization identity").
/// </summary>
public sealed partial class SerializationIdentityTests
{
    /// <summary>
    /// Types that cross grain boundaries but live outside the contracts project: the live hub's contract (shared with the
    /// SDKs, which must not depend on Orleans, so Orleans carries them as JSON: <see cref="Live.LiveContractsSerialization"/>)
    /// and the journal's event and id (generated serializers in CoProduce.Journal). This list may only shrink.
    /// </summary>
    private static readonly string[] Outside =
    [
        "CoProduce.Journal.Events.GrainEvent",
        "CoProduce.Journal.Events.JournalId",
        "CoProduce.Live.LiveRole",
        "CoProduce.Live.LiveSnapshot",
        "CoProduce.Live.PaceCounts",
        "CoProduce.Live.PaceKind",
        "CoProduce.Live.PresencePage",
        "CoProduce.Live.PresentPerson",
        "CoProduce.Live.QueuedHand",
        "CoProduce.Live.RoleSpeakingTime",
        "CoProduce.Live.SpeakerTurn",
        "CoProduce.Live.SpeakingTimeReport",
    ];

    [Fact]
    public void EveryContractTypeCrossingAGrainBoundaryHasAGeneratedSerializerAndAnAlias()
    {
        var own = BoundaryTypes.Own.Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t).Distinct().ToList();
        Assert.True(own.Count > 100, $"The walk found only {own.Count} contract types; is it following the grain interfaces?");
        Assert.Empty(own.Where(t => !t.IsDefined(typeof(GenerateSerializerAttribute)) || !t.IsDefined(typeof(AliasAttribute))).Select(t => t.FullName));
    }

    [Fact]
    public void OnlyTheKnownTypesFromOutsideTheContractsCrossAGrainBoundary()
    {
        var outside = BoundaryTypes.All.Where(t => t.Assembly != BoundaryTypes.Contracts).Select(t => t.FullName!).Order(StringComparer.Ordinal);
        Assert.Equal(Outside, outside);
    }

    [Fact]
    public void EveryTypeFromOutsideTheContractsIsALiveContractOrHasAGeneratedSerializerAndAnAlias()
    {
        var outside = BoundaryTypes.All.Where(t => t.Assembly != BoundaryTypes.Contracts).ToList();
        Assert.Contains(outside, Live.LiveContractsSerialization.IsLiveContract);
        Assert.Empty(outside
            .Where(t => !Live.LiveContractsSerialization.IsLiveContract(t))
            .Where(t => !t.IsDefined(typeof(GenerateSerializerAttribute)) || !t.IsDefined(typeof(AliasAttribute)))
            .Select(t => t.FullName));
    }

    [Fact]
    public void EveryExceptionOfTheContractsAndGrainsHasAGeneratedSerializerAndAnAlias()
    {
        var exceptions = BoundaryTypes.Exceptions.ToList();
        Assert.Contains(typeof(Common.DomainException), exceptions);
        Assert.Empty(exceptions.Where(t => t.Assembly != BoundaryTypes.Contracts).Select(t => t.FullName));
        Assert.Empty(exceptions.Where(t => !t.IsDefined(typeof(GenerateSerializerAttribute)) || !t.IsDefined(typeof(AliasAttribute))).Select(t => t.FullName));
    }

    [Fact]
    public void AliasesAreUniqueAndFollowTheNamingScheme()
    {
        // Orleans' code generator aliases the proxies and invokers it writes (namespace OrleansCodeGen) by its own scheme.
        var aliased = BoundaryTypes.Contracts.GetTypes()
            .Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true)
            .Select(t => (Type: t, Alias: t.GetCustomAttribute<AliasAttribute>()?.Alias))
            .Where(t => t.Alias is not null)
            .ToList();
        Assert.Empty(aliased.GroupBy(t => t.Alias).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Type.Name))}"));
        Assert.Empty(aliased.Where(t => !AliasScheme().IsMatch(t.Alias!) || !t.Alias!.EndsWith(Arity(t.Type), StringComparison.Ordinal)).Select(t => $"{t.Type.FullName}: {t.Alias}"));
    }

    /// <summary>Orleans names a call by its interface; the alias keeps that name when the interface is renamed or moved.</summary>
    [Fact]
    public void EveryGrainInterfaceHasAnAlias()
    {
        var interfaces = BoundaryTypes.GrainInterfaces.ToList();
        Assert.True(interfaces.Count >= 30, $"Only {interfaces.Count} grain interfaces found.");
        Assert.Empty(interfaces.Where(t => !t.IsDefined(typeof(AliasAttribute))).Select(t => t.FullName));
    }

    [Fact]
    public void EveryTypeWithAGeneratedSerializerHasAnAlias()
    {
        var serialized = BoundaryTypes.Contracts.GetTypes().Where(t => t.IsDefined(typeof(GenerateSerializerAttribute))).ToList();
        Assert.NotEmpty(serialized);
        Assert.Empty(serialized.Where(t => !t.IsDefined(typeof(AliasAttribute))).Select(t => t.FullName));
    }

    [Fact]
    public void ImmutableIsOnlyOnTypesThatCannotChangeAfterCreation()
    {
        var immutable = BoundaryTypes.Contracts.GetTypes().Where(t => t.IsDefined(typeof(ImmutableAttribute))).ToList();
        Assert.NotEmpty(immutable);
        Assert.Empty(immutable.Where(t => !CannotChange(t)).Select(t => t.FullName));
    }

    [Fact]
    public void GrainClassesCarryNoSerializerAttributes()
    {
        var grains = GrainTypeTests.GrainClasses().ToList();
        Assert.Empty(grains.Where(t => t.IsDefined(typeof(GenerateSerializerAttribute)) || t.IsDefined(typeof(AliasAttribute))).Select(t => t.Name));
    }

    /// <summary>"coproduce.&lt;area&gt;.&lt;Type&gt;", with Orleans' arity suffix on generic definitions.</summary>
    [GeneratedRegex(@"^coproduce\.[a-z]+\.[A-Z][A-Za-z0-9]*(`[0-9]+)?$")]
    private static partial Regex AliasScheme();

    private static string Arity(Type type) => type.IsGenericTypeDefinition ? $"`{type.GetGenericArguments().Length}" : type.Name;

    /// <summary>An enum, or a type whose every field is set at creation only and holds a value that cannot change either.</summary>
    private static bool CannotChange(Type type) =>
        type.IsEnum ||
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .All(f => f.IsInitOnly && IsUnchangeable(f.FieldType));

    private static bool IsUnchangeable(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum
            || underlying == typeof(string) || underlying == typeof(decimal) || underlying == typeof(Guid)
            || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime) || underlying == typeof(DateOnly)
            || underlying == typeof(TimeOnly) || underlying == typeof(TimeSpan)
            || (underlying.IsDefined(typeof(ImmutableAttribute)) && CannotChange(underlying));
    }
}
