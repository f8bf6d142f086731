using CoProduce.Gateway.Tests.Payments;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// A bank file's temporary copy left by a failed export (the process killed between writing and renaming) holds
/// payees and amounts: the next run that hands its file over removes it, and never a temporary file another run
/// is still writing (its lock is held) or has written within the last minutes.
/// </summary>
public abstract class PayoutLeftoverTests(ITestDatabase database)
{
    [Fact]
    public async Task TheNextSuccessfulRunRemovesTemporaryBankFilesLeftByFailedExportsButNotOnesBeingWritten()
    {
        using var exports = new ExportFolder();
        Directory.CreateDirectory(exports.Path);
        string Temporary() => Path.Combine(exports.Path, $"payout-{Guid.NewGuid():D}.csv.{Guid.NewGuid():N}.tmp");
        var hourAgo = DateTime.UtcNow.AddHours(-1);

        // Two left by killed exports an hour ago; one another node is writing (its lock held, however old);
        // one written a moment ago whose writer may be on a node whose locks this one cannot see.
        var leftovers = new[] { Temporary(), Temporary() };
        foreach (var leftover in leftovers)
        {
            await File.WriteAllTextAsync(leftover, "entry_id,claim_id\n1,left-behind\n");
            File.SetLastWriteTimeUtc(leftover, hourAgo);
        }

        var beingWritten = Temporary();
        await using var writer = new FileStream(beingWritten, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        File.SetLastWriteTimeUtc(beingWritten, hourAgo);
        var recent = Temporary();
        await File.WriteAllTextAsync(recent, "entry_id\n");

        await using var app = new GatewayApplication(database, settings: new Dictionary<string, string?> { ["CoProduce:Payments:ExportDirectory"] = exports.Path });
        var world = await PaymentsWorld.CreateAsync(app);
        await world.Choose(world.People.Contributor, "Accept");
        var claim = PaymentsWorld.Id(await world.Claim(world.People.Contributor, PaymentsWorld.Meeting(1)));
        await world.Approve(claim);
        var run = await world.PayOut();
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal("Paid", (await world.Get(claim)).GetProperty("status").GetString());

        Assert.All(leftovers, leftover => Assert.False(File.Exists(leftover), $"{leftover} was left behind"));
        Assert.True(File.Exists(beingWritten), "a file another run is writing was removed");
        Assert.True(File.Exists(recent), "a file written moments ago was removed");
        Assert.Contains(Path.Combine(exports.Path, run.GetProperty("export").GetString()!), exports.BankFiles());
    }
}

public sealed class SqlitePayoutLeftoverTests(SqliteDatabase database) : PayoutLeftoverTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPayoutLeftoverTests(PostgresDatabase database) : PayoutLeftoverTests(database), IClassFixture<PostgresDatabase>;
