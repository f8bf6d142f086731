using CoProduce.Journal.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace CoProduce.Journal.Tests.Storage;

/// <summary>
/// A PostgreSQL error raised on one silo reaches the gateway through Orleans' serializer, which keeps its type and
/// message but not Npgsql's own fields: its state code is gone. Telling a restart from a full disk must still work,
/// and must never throw (the error handler that asks would turn a 503 into a 500).
/// </summary>
public sealed class StorageFailuresTests
{
    /// <summary>A serializer as the cluster configures it: Npgsql's exceptions may cross (ClusterSiloBuilderExtensions).</summary>
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer()
        .Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static Exception AcrossSilos(Exception exception) =>
        Serializer.Deserialize<Exception>(Serializer.SerializeToArray(exception)) ?? throw new InvalidOperationException("The error did not come back.");

    private static PostgresException Postgres(string state, string text) => new(text, "FATAL", "FATAL", state);

    [Theory]
    [InlineData("57P01", "terminating connection due to administrator command")]
    [InlineData("57P03", "the database system is starting up")]
    [InlineData("08006", "connection failure")]
    public void ARestartingDatabaseIsTransientAndNotFullOnTheNodeThatSawItAndAcrossSilos(string state, string text)
    {
        foreach (var failure in new[] { Postgres(state, text), AcrossSilos(Postgres(state, text)) })
        {
            Assert.True(StorageFailures.IsTransient(failure), $"{failure.GetType().Name}: {failure.Message}");
            Assert.False(StorageFailures.IsFullOrReadOnly(failure));
        }
    }

    [Theory]
    [InlineData("25006", "cannot execute INSERT in a read-only transaction")]
    [InlineData("53100", "could not extend file: No space left on device")]
    public void AFullOrReadOnlyDatabaseIsSaidSoOnTheNodeThatSawItAndAcrossSilos(string state, string text)
    {
        foreach (var failure in new[] { Postgres(state, text), AcrossSilos(Postgres(state, text)) })
        {
            Assert.True(StorageFailures.IsFullOrReadOnly(failure), $"{failure.GetType().Name}: {failure.Message}");
        }
    }

    [Fact]
    public void AnotherDatabaseErrorIsNeitherAcrossSilos()
    {
        var failure = AcrossSilos(Postgres("23505", "duplicate key value violates unique constraint"));
        Assert.False(StorageFailures.IsTransient(failure));
        Assert.False(StorageFailures.IsFullOrReadOnly(failure));
    }
}
