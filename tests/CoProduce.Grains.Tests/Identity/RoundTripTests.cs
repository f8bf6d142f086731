using System.Reflection;
using System.Text.Json;
using CoProduce.Grains.Common;
using CoProduce.Grains.Live;
using CoProduce.Journal.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CoProduce.Grains.Tests.Identity;

/// <summary>
/// Every type that crosses a grain boundary survives Orleans' serializer (between silos) and deep copier (within one)
/// with every member intact, the way the contracts assembly registers itself.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(BoundaryTypes.Contracts).AddAssembly(typeof(GrainEvent).Assembly).AddLiveContracts())
        .BuildServiceProvider();

    public static TheoryData<string> ContractTypes() => [.. BoundaryTypes.Own.Select(Name)];

    /// <summary>The types from outside the contracts: the live hub's (as JSON) and the journal's.</summary>
    public static TheoryData<string> OutsideTypes() => [.. BoundaryTypes.All.Where(t => t.Assembly != BoundaryTypes.Contracts).Select(Name)];

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void SurvivesTheSerializerWithEveryMember(string typeName)
    {
        var sample = new Samples().Of(ContractType(typeName));
        var serializer = _services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<object>(serializer.SerializeToArray<object>(sample));

        Assert.IsType(sample.GetType(), back);
        Assert.NotSame(sample, back);
        Assert.Equal(Render(sample), Render(back));
    }

    /// <summary>
    /// As a grain method's parameter or result carries it: declared as its own type (the live contracts' enums are plain
    /// numbers in their JSON, so only the declared type tells them apart).
    /// </summary>
    [Theory]
    [MemberData(nameof(OutsideTypes))]
    public void ATypeFromOutsideTheContractsSurvivesTheSerializerAndTheCopier(string typeName)
    {
        var type = ContractType(typeName);
        var sample = new Samples().Of(type);

        var back = typeof(RoundTripTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(type).Invoke(this, [sample])!;
        var copy = _services.GetRequiredService<DeepCopier>().Copy<object>(sample);

        Assert.IsType(type, back);
        Assert.Equal(Render(sample), Render(back));
        Assert.Equal(Render(sample), Render(copy));
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void SurvivesTheDeepCopierAndIsSharedOnlyWhenImmutable(string typeName)
    {
        var type = ContractType(typeName);
        var sample = new Samples().Of(type);

        var copy = _services.GetRequiredService<DeepCopier>().Copy<object>(sample);

        Assert.IsType(type, copy);
        Assert.Equal(Render(sample), Render(copy));
        if (type.IsClass)
        {
            Assert.Equal(type.IsDefined(typeof(ImmutableAttribute), inherit: false), ReferenceEquals(sample, copy));
        }
    }

    [Fact]
    public void ADomainRefusalArrivesAsItselfWithKindMessageAndErrors()
    {
        var refusal = new DomainException(
            DomainErrorKind.Invalid,
            "The title is too long.",
            new Dictionary<string, string[]> { ["title"] = ["At most 200 characters.", "No line breaks."], ["summary"] = ["Required."] });
        var serializer = _services.GetRequiredService<Serializer>();

        var back = Assert.IsType<DomainException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(refusal)));

        Assert.Equal(DomainErrorKind.Invalid, back.Kind);
        Assert.Equal("The title is too long.", back.Message);
        Assert.Equal(["summary", "title"], back.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["At most 200 characters.", "No line breaks."], back.Errors["title"]);
        Assert.Equal(["Required."], back.Errors["summary"]);
    }

    [Fact]
    public void EveryKindOfDomainRefusalSurvivesTheSerializer()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        DomainException[] refusals =
        [
            DomainException.NotFound("The project"), DomainException.Forbidden("Facilitators only."),
            DomainException.Conflict("Ranking is closed."), DomainException.Stale(7), DomainException.Invalid("title", "Required."),
        ];

        var back = refusals.Select(r => Assert.IsType<DomainException>(serializer.Deserialize<object>(serializer.SerializeToArray<object>(r)))).ToList();

        Assert.Equal(refusals.Select(r => (r.Kind, r.Message, Errors: Render(r.Errors))), back.Select(r => (r.Kind, r.Message, Errors: Render(r.Errors))));
    }

    public void Dispose() => _services.Dispose();

    private static string Name(Type type) => type.AssemblyQualifiedName!;

    private static Type ContractType(string name) => Type.GetType(name, throwOnError: true)!;

    private static string Render(object value) => JsonSerializer.Serialize(value, value.GetType(), Json);

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }
}
