using CoProduce.Clustering.Tests.Hosting;
using CoProduce.Testing;
using Microsoft.Extensions.Options;

namespace CoProduce.Clustering.Tests;

/// <summary>Bad cluster settings stop start-up with a message that names the setting.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterValidationTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public async Task PostgreSqlWithoutConnectionStringDoesNotStart()
    {
        var settings = ClusterSettings.For(new Dictionary<string, string?> { ["CoProduce:Storage:Provider"] = "PostgreSql" }, "validation");
        using var host = ClusterNode.Build(settings);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("'CoProduce:Storage:ConnectionString' is required", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyServiceIdDoesNotStart()
    {
        var settings = ClusterSettings.For(_database.StorageSettings, "validation");
        settings["CoProduce:Cluster:ServiceId"] = "";
        using var host = ClusterNode.Build(settings);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("'CoProduce:Cluster:ServiceId' must not be empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStorageProviderDoesNotStart()
    {
        var settings = ClusterSettings.For(new Dictionary<string, string?> { ["CoProduce:Storage:Provider"] = "Oracle" }, "validation");
        using var host = ClusterNode.Build(settings);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("'CoProduce:Storage:Provider' is 'Oracle'", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _database.Dispose();
}
